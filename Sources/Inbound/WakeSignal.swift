import Foundation

/// Wakes a sleeping poll loop early (`lienthong poll`), remembering a signal that arrives while it is awake.
///
/// An `AsyncStream` does not fit: a new iterator per sleep cannot be made once the previous waiting task was
/// cancelled (the stream is finished then, and every later sleep would return at once).
final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var waiter: CheckedContinuation<Void, Never>?

    func signal() {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume()
            return
        }
        pending = true
        lock.unlock()
    }

    /// Returns after `interval`, at the first signal, or when the task is cancelled.
    func wait(upTo interval: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.nextSignal() }
            group.addTask { try? await Task.sleep(for: interval) }
            _ = await group.next()
            group.cancelAll()
        }
    }

    private func nextSignal() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                lock.lock()
                if pending || Task.isCancelled {
                    pending = false
                    lock.unlock()
                    continuation.resume()
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        } onCancel: {
            lock.lock()
            let waiting = waiter
            waiter = nil
            lock.unlock()
            waiting?.resume()
        }
    }
}
