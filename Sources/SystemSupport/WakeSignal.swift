import Foundation

/// Wakes a sleeping loop early: a pipeline sleeps until its next retry or poll, and a new file, `lienthong poll`
/// or a reload signals it to look now.
///
/// A signal sent while nobody waits is kept (once) for the next ``wait(timeout:)``. Unlike an `AsyncStream`, whose
/// iteration ends for good when the waiting task is cancelled, a wait that times out or is cancelled leaves the
/// signal usable for the next one.
public final class WakeSignal: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var pending = false
    private var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    private var nextWaiter: UInt64 = 0

    public init() {}

    /// Wakes every current waiter, or the next one to wait.
    public func signal() {
        let woken: [CheckedContinuation<Void, Never>] = lock.withLock {
            if waiters.isEmpty {
                pending = true
                return []
            }
            defer { waiters.removeAll() }
            return Array(waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Returns when signalled (now, or since the last wait), when `timeout` has passed (nil: no timeout), or when
    /// the task is cancelled.
    public func wait(timeout: Duration?) async {
        if lock.withLock({ () -> Bool in
            defer { pending = false }
            return pending
        }) {
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForSignal() }
            if let timeout { group.addTask { try? await Task.sleep(for: timeout) } }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForSignal() async {
        let id: UInt64 = lock.withLock {
            nextWaiter += 1
            return nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow: Bool = lock.withLock {
                    if pending {
                        pending = false
                        return true
                    }
                    // Cancelled before we could register: the cancellation handler has already run and found nothing.
                    if Task.isCancelled { return true }
                    waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = lock.withLock { waiters.removeValue(forKey: id) }
            waiter?.resume()
        }
    }
}
