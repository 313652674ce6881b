import Foundation
import Glibc

/// Blocks the given signals and waits for one of them, checking `shouldStop` once a second meanwhile.
///
/// Create it before starting any thread or child process: threads inherit the blocked set, so the signal can only
/// be taken here. The default action is restored first, since a shell starting us in the background sets SIGINT
/// to "ignore", and an ignored signal is discarded even while blocked.
struct SignalWaiter {
    private var set = sigset_t()

    init(signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals {
            Glibc.signal(signal, SIG_DFL)
            sigaddset(&set, signal)
        }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// The signal received, or nil when `shouldStop` said so first.
    func wait(until shouldStop: () -> Bool = { false }) -> Int32? {
        var set = self.set
        var timeout = timespec(tv_sec: 1, tv_nsec: 0)
        while true {
            let signal = sigtimedwait(&set, nil, &timeout)
            if signal > 0 { return signal }
            if shouldStop() { return nil }
        }
    }
}
