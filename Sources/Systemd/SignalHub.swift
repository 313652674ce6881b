import Dispatch
import Foundation
import Glibc

/// The process's single dispatch signal source per `ControlSignal`, fanned out to subscribers.
///
/// One source per signal for the whole process, created once and never cancelled, because on Linux libdispatch
/// reads signals through a per-signal `signalfd` and makes an ignored signal deliverable when it first registers it:
/// setting `SIG_IGN` again later (as a second, independent source would have to) silently discards the signal.
final class SignalHub: @unchecked Sendable {
    static let shared = SignalHub()

    typealias Handler = @Sendable (ControlSignal) -> Void

    struct Subscription: Hashable, Sendable {
        fileprivate let id: UInt64
    }

    // Everything below is guarded by `lock`.
    private let lock = NSLock()
    private var sources: [ControlSignal: any DispatchSourceSignal] = [:]
    private var subscribers: [UInt64: (signals: Set<ControlSignal>, handler: Handler)] = [:]
    private var nextID: UInt64 = 0
    private let queue = DispatchQueue(label: "lienthong.signals")

    func subscribe(to signals: Set<ControlSignal>, handler: @escaping Handler) -> Subscription {
        lock.withLock {
            nextID += 1
            subscribers[nextID] = (signals, handler)
            for signal in ControlSignal.allCases where signals.contains(signal) && sources[signal] == nil {
                Glibc.signal(signal.signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signal.signalNumber, queue: queue)
                source.setEventHandler { [weak self] in self?.deliver(signal) }
                source.resume()
                sources[signal] = source
            }
            return Subscription(id: nextID)
        }
    }

    func unsubscribe(_ subscription: Subscription) {
        lock.withLock { _ = subscribers.removeValue(forKey: subscription.id) }
    }

    private func deliver(_ signal: ControlSignal) {
        let handlers = lock.withLock { subscribers.values.filter { $0.signals.contains(signal) }.map(\.handler) }
        for handler in handlers { handler(signal) }
    }
}
