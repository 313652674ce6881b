import CLinux

/// One `struct inotify_event` as read from the descriptor.
struct RawInotifyEvent: Sendable, Equatable {
    let watch: Int32
    let mask: UInt32
    let cookie: UInt32
    /// The name within the watched directory; empty for events about the directory itself.
    let name: String

    func has(_ flag: UInt32) -> Bool { mask & flag != 0 }
}

/// Splits what `read` returned from an inotify descriptor into events. Pure, so that overflow and other rare
/// events can be tested with hand-made bytes.
enum InotifyEventDecoder {
    static let headerSize = CLinux_inotify_event_header_size

    static func decode(_ bytes: UnsafeRawBufferPointer) -> [RawInotifyEvent] {
        var events: [RawInotifyEvent] = []
        var offset = 0
        while offset + headerSize <= bytes.count {
            let watch = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard nameStart + length <= bytes.count else { break }
            let nameBytes = bytes[nameStart..<(nameStart + length)].prefix { $0 != 0 }
            events.append(
                RawInotifyEvent(
                    watch: watch, mask: mask, cookie: cookie, name: String(decoding: nameBytes, as: UTF8.self)))
            offset = nameStart + length
        }
        return events
    }

    /// The bytes the kernel would produce for `events` (names NUL-padded to 16 bytes), for tests.
    static func encode(_ events: [RawInotifyEvent]) -> [UInt8] {
        var bytes: [UInt8] = []
        for event in events {
            let name = Array(event.name.utf8)
            let padded = name.isEmpty ? 0 : (name.count / 16 + 1) * 16
            withUnsafeBytes(of: event.watch.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: event.mask.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: event.cookie.littleEndian) { bytes += $0 }
            withUnsafeBytes(of: UInt32(padded).littleEndian) { bytes += $0 }
            bytes += name + [UInt8](repeating: 0, count: padded - name.count)
        }
        return bytes
    }
}
