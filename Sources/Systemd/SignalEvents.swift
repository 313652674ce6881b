import Dispatch
import Foundation
import Glibc

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
/// The signals' default action (terminate the process) is replaced by `SIG_IGN` before the dispatch sources are
/// created, as dispatch requires, and stays so when the stream ends: a late `SIGHUP` must never kill the daemon.
/// Signals that arrive together are coalesced by dispatch into one element, which is what a reload or a poll needs;
/// at most `bufferLimit` elements wait for a slow consumer, older ones are dropped.
public enum SignalEvents {
    /// How many elements wait for a consumer that is busy (e.g. in the middle of a reload).
    public static let bufferLimit = 16

    /// A stream of `signals` as they arrive. Ending the iteration (or cancelling its task) cancels the sources.
    public static func stream(
        for signals: Set<ControlSignal> = Set(ControlSignal.allCases)
    ) -> AsyncStream<ControlSignal> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ControlSignal.self,
            bufferingPolicy: .bufferingNewest(bufferLimit)
        )
        let queue = DispatchQueue(label: "lienthong.signals")
        let sources = SignalSources()
        for signal in ControlSignal.allCases where signals.contains(signal) {
            Glibc.signal(signal.signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signal.signalNumber, queue: queue)
            source.setEventHandler { continuation.yield(signal) }
            sources.append(source)
            source.resume()
        }
        continuation.onTermination = { _ in sources.cancelAll() }
        return stream
    }
}

/// Owns the dispatch sources of one stream so that they live as long as the stream and are cancelled with it.
private final class SignalSources: @unchecked Sendable {
    // Guarded by `lock`; dispatch sources are thread-safe themselves, the array is not.
    private var sources: [any DispatchSourceSignal] = []
    private let lock = NSLock()

    func append(_ source: any DispatchSourceSignal) {
        lock.withLock { sources.append(source) }
    }

    func cancelAll() {
        lock.withLock {
            for source in sources { source.cancel() }
            sources.removeAll()
        }
    }
}
