/// Writes small pieces to a ``PosixFile`` through a 64 KiB buffer.
final class BufferedFileWriter {
    private let file: PosixFile
    private var buffer: [UInt8] = []
    private let capacity: Int

    init(file: PosixFile, capacity: Int = 64 * 1024) {
        self.file = file
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    func write(_ bytes: some Collection<UInt8>) throws {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try file.write(Array(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
