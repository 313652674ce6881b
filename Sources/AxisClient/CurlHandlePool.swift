import Foundation

/// Idle libcurl easy handles of one ``AxisClient``, kept so that their open connections are reused (keep-alive).
///
/// A transfer checks a handle out, owns it alone on its thread, and checks it back in afterwards; at most
/// `capacity` idle handles are kept (each with its connection cache), the rest are freed. Capacity 0 turns reuse
/// off: every request then gets a fresh handle and a fresh connection.
final class CurlHandlePool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [CurlEasy] = []
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// An idle handle with its options reset, or a new one.
    func checkOut() throws(CurlEasy.Failure) -> CurlEasy {
        if let handle = lock.withLock({ idle.popLast() }) {
            handle.reset()
            return handle
        }
        return try CurlEasy()
    }

    /// Keeps `handle` for the next transfer, or frees it when the pool is full.
    func checkIn(_ handle: CurlEasy) {
        lock.withLock {
            if idle.count < capacity { idle.append(handle) }
        }
    }
}
