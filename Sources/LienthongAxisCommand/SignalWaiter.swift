import Foundation

/// Blocks a set of signals in the calling thread (and so in threads it starts later) and waits for one of them
/// synchronously with `sigwait`, so no async-signal-unsafe code ever runs in a handler.
struct SignalWaiter {
    private var set = sigset_t()

    init(signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Returns the signal number received.
    func wait() -> Int32 {
        var copy = set
        var received: Int32 = 0
        while sigwait(&copy, &received) != 0 {}
        return received
    }
}
