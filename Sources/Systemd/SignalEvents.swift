/// Delivers `SIGHUP` and `SIGUSR1` as an `AsyncStream` of `ControlSignal`s.
///
/// ```swift
/// for await signal in SignalEvents.stream() {
///     switch signal {
///     case .reload: try await reloadConfiguration()
///     case .pollNow: poller.pollNow()
///     }
/// }
/// ```
///
/// The first stream that asks for a signal sets it to `SIG_IGN` (so that it can no longer terminate the process) and
/// installs one process-wide dispatch source for it; every stream then gets every occurrence. The disposition stays
/// so when streams end: a late `SIGHUP` must never kill the daemon. Signals that arrive together are coalesced by
/// dispatch into one element, which is what a reload or a poll needs; at most `bufferLimit` elements wait for a
/// slow consumer, older ones are dropped. Dispatch registers a new source asynchronously, so a signal sent in the
/// first milliseconds after the very first `stream()` call may be ignored: create the stream early in start-up,
/// before `READY=1`.
public enum SignalEvents {
    /// How many elements wait for a consumer that is busy (e.g. in the middle of a reload).
    public static let bufferLimit = 16

    /// A stream of `signals` as they arrive. Ending the iteration (or cancelling its task) unsubscribes it.
    public static func stream(
        for signals: Set<ControlSignal> = Set(ControlSignal.allCases)
    ) -> AsyncStream<ControlSignal> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ControlSignal.self,
            bufferingPolicy: .bufferingNewest(bufferLimit)
        )
        let subscription = SignalHub.shared.subscribe(to: signals) { continuation.yield($0) }
        continuation.onTermination = { _ in SignalHub.shared.unsubscribe(subscription) }
        return stream
    }
}
