/// Writes entries to journald with its native datagram protocol (`/run/systemd/journal/socket`).
///
/// Each entry is one datagram of fields. A field whose value has no newline is sent as `NAME=value\n`; any other
/// value uses the binary-safe form `NAME\n`, the value's length as a 64-bit little-endian integer, the value, `\n`
/// (see systemd's "Native Journal Protocol" documentation). Entries larger than the socket's send buffer fail with
/// `SystemdError.messageTooLarge`; callers fall back to stderr. (systemd's own client passes such entries in a memfd;
/// lienthong's records are capped well below the 8 MiB buffer requested here, so that is not needed.)
public final class JournalNativeWriter: Sendable {
    /// journald's native socket.
    public static let defaultSocketPath = "/run/systemd/journal/socket"

    /// One journal field. Names must be valid journal field names; values may contain any bytes.
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: [UInt8]

        public init(name: String, value: String) {
            self.name = name
            self.value = Array(value.utf8)
        }

        public init(name: String, bytes: [UInt8]) {
            self.name = name
            self.value = bytes
        }
    }

    private let socket: UnixDatagramSocket
    private let address: UnixSocketAddress

    /// Opens a datagram socket for `socketPath`. Nothing is sent and the path is not checked until `send(_:)`.
    public init(socketPath: String = JournalNativeWriter.defaultSocketPath) throws(SystemdError) {
        address = try UnixSocketAddress(socketPath)
        socket = try UnixDatagramSocket()
        socket.requestSendBufferSize(8 * 1024 * 1024)
    }

    /// Sends one journal entry made of `fields`, in the order given.
    public func send(_ fields: [Field]) throws(SystemdError) {
        try socket.send(Self.encode(fields), to: address)
    }

    /// The datagram for `fields` in the native protocol.
    static func encode(_ fields: [Field]) throws(SystemdError) -> [UInt8] {
        var datagram: [UInt8] = []
        datagram.reserveCapacity(fields.reduce(0) { $0 + $1.name.utf8.count + $1.value.count + 10 })
        for field in fields {
            guard isValidFieldName(field.name) else { throw .invalidJournalFieldName(field.name) }
            datagram += field.name.utf8
            if field.value.contains(UInt8(ascii: "\n")) {
                datagram.append(UInt8(ascii: "\n"))
                var length = UInt64(field.value.count).littleEndian
                withUnsafeBytes(of: &length) { datagram += $0 }
            } else {
                datagram.append(UInt8(ascii: "="))
            }
            datagram += field.value
            datagram.append(UInt8(ascii: "\n"))
        }
        return datagram
    }

    /// Journal field names: 1…64 characters of `A-Z`, `0-9` and `_`, not starting with a digit or `_` (fields
    /// starting with `_` are trusted fields that only journald itself may set).
    static func isValidFieldName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        guard first != UInt8(ascii: "_"), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }
}
