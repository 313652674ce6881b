import Foundation

/// The outcome of a server's start, handed from the task that binds to the thread waiting in
/// ``HTTPServer/start()``. The first outcome counts; later ones (an error after a successful bind) are ignored.
final class StartSignal: Sendable {
    private let outcome = Locked<Result<Int, any Error>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func succeed(_ port: Int) { complete(.success(port)) }

    func fail(_ error: any Error) { complete(.failure(error)) }

    /// Blocks until ``succeed(_:)`` or ``fail(_:)``.
    func wait() throws -> Int {
        ready.wait()
        return try outcome.withLock { $0! }.get()
    }

    private func complete(_ result: Result<Int, any Error>) {
        let first = outcome.withLock { outcome -> Bool in
            guard outcome == nil else { return false }
            outcome = result
            return true
        }
        if first { ready.signal() }
    }
}
