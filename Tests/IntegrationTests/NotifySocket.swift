import Foundation
import Glibc

/// A stand-in for systemd's `NOTIFY_SOCKET`: a Unix datagram socket in the test's directory whose datagrams a
/// background thread collects, with the time each arrived.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    private let inbox = Inbox()

    /// What the receiving thread has collected; shared with it, so the socket object may go while it still runs.
    private final class Inbox: @unchecked Sendable {
        let lock = NSLock()
        var received: [(at: Date, text: String)] = []
    }

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw IntegrationError("socket: errno \(errno)") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw IntegrationError("\(path) is too long for a Unix socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
        }
        let socketDescriptor = descriptor
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard bound == 0 else { throw IntegrationError("bind \(path): errno \(errno)") }
        let inbox = self.inbox
        Thread { Self.receive(from: socketDescriptor, into: inbox) }.start()
    }

    /// Stops the receiving thread and closes the socket.
    func close() {
        shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
        unlink(path)
    }

    /// Every datagram so far, in order.
    var messages: [(at: Date, text: String)] { inbox.lock.withLock { inbox.received } }

    /// When the last `WATCHDOG=1` arrived.
    var lastPing: Date? { messages.last { $0.text.split(separator: "\n").contains("WATCHDOG=1") }?.at }

    /// The last `STATUS=` value.
    var lastStatus: String? {
        messages.reversed().lazy.compactMap { message in
            message.text.split(separator: "\n").last { $0.hasPrefix("STATUS=") }.map { String($0.dropFirst(7)) }
        }.first
    }

    private static func receive(from descriptor: Int32, into inbox: Inbox) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            let text = String(decoding: buffer[..<count], as: UTF8.self)
            inbox.lock.withLock { inbox.received.append((Date(), text)) }
        }
    }
}
