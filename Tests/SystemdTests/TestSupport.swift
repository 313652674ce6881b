import Foundation
import Glibc
import Logging

@testable import Systemd

/// A fresh directory under the system temp directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        // Short names: unix socket paths must stay under 108 bytes.
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sd-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Collects the records a handler writes, in order.
final class CapturingOutput: LogOutput, @unchecked Sendable {
    private let lock = NSLock()
    private var captured: [LogRecord] = []

    func write(_ record: LogRecord) {
        lock.withLock { captured.append(record) }
    }

    var records: [LogRecord] {
        lock.withLock { captured }
    }

    func lines(format: LogLineFormat = .priorityPrefixed) -> [String] {
        records.map { LogLineFormatter(format: format).line(for: $0, timestamp: "TIME") }
    }
}

/// A `Logger` whose handler writes into `output`.
func makeLogger(
    label: String = "test",
    level: Logger.Level = .trace,
    output: CapturingOutput,
    metadataProvider: Logger.MetadataProvider? = nil
) -> Logger {
    Logger(label: label) { label in
        JournalLogHandler(label: label, level: level, output: output, metadataProvider: metadataProvider)
    }
}

enum TestSocketError: Error {
    case call(String, Int32)
    case timedOut
}

/// A bound `AF_UNIX` datagram socket that plays systemd or journald in tests.
final class DatagramReceiver {
    let address: String
    private let descriptor: Int32

    /// Binds `address`: a path, or an abstract name starting with `@`.
    init(address: String) throws {
        self.address = address
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw TestSocketError.call("socket", errno) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer: Int32 = 4 * 1024 * 1024
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &buffer, socklen_t(MemoryLayout<Int32>.size))
        let socketAddress = try UnixSocketAddress(address)
        let result = try socketAddress.withSockaddr { pointer, length in bind(descriptor, pointer, length) }
        guard result == 0 else {
            let code = errno
            close(descriptor)
            throw TestSocketError.call("bind", code)
        }
    }

    deinit {
        close(descriptor)
    }

    /// The next datagram, waiting at most five seconds.
    func receive() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        let count = buffer.withUnsafeMutableBytes { raw in recv(descriptor, raw.baseAddress, raw.count, 0) }
        guard count >= 0 else {
            throw errno == EAGAIN ? TestSocketError.timedOut : TestSocketError.call("recv", errno)
        }
        return Array(buffer.prefix(count))
    }

    /// True when a datagram is waiting.
    func hasPendingDatagram() -> Bool {
        var byte: UInt8 = 0
        return recv(descriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) >= 0
    }
}
