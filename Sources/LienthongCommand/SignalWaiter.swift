import Dispatch
import Foundation
import Glibc

/// Waits for one of the given signals, checking `shouldStop` once a second meanwhile.
///
/// The signals are set to "ignore" and observed through dispatch sources, so whichever thread the kernel picks,
/// the signal never kills the process before the demo has stopped its children.
final class SignalWaiter: @unchecked Sendable {
    private let received = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var signal: Int32?
    private var sources: [DispatchSourceSignal] = []

    init(signals: [Int32]) {
        for number in signals {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.withLock { self.signal = number }
                self.received.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    /// The signal received, or nil when `shouldStop` said so first.
    func wait(until shouldStop: () -> Bool = { false }) -> Int32? {
        while received.wait(timeout: .now() + 1) == .timedOut {
            if shouldStop() { return nil }
        }
        return lock.withLock { signal }
    }
}
