import Foundation

/// The daemon's work as the systemd watchdog sees it: every piece of work (a pipeline's loop, a document being moved
/// on) is an ``Activity`` that says when it works and when it rests; while it works it must make progress (finish a
/// step, move bytes on a transfer). The daemon pings the watchdog only while no activity has worked for longer than
/// the watchdog's limit without progress, so a wedged pipeline (a hung disk, a lock held forever, a deadlock) gets
/// the daemon restarted instead of being hidden by a timer that pings regardless.
public final class Liveness: @unchecked Sendable {
    /// One piece of work. Resting (waiting for a file, a poll, a retry time) is never a wedge.
    public final class Activity: @unchecked Sendable {
        public let name: String
        fileprivate weak var owner: Liveness?

        fileprivate init(name: String, owner: Liveness) {
            self.name = name
            self.owner = owner
        }

        /// The activity is working and has just made progress (a step began or ended, bytes moved).
        public func progressed(now: Date = Date()) { owner?.set(self, workingSince: now) }

        /// The activity waits for something outside it; however long, that is not a wedge.
        public func resting() { owner?.set(self, workingSince: nil) }

        /// The activity is over.
        public func end() { owner?.remove(self) }

        /// The activity of the work the current task does, for code deep below it (an HTTP transfer) to report
        /// progress without being handed it.
        @TaskLocal public static var current: Activity?
    }

    /// An activity that works without progress.
    public struct Stall: Sendable, Equatable {
        public let name: String
        public let since: Date
    }

    // Guarded by `lock`.
    private let lock = NSLock()
    private var lastProgress: [ObjectIdentifier: (name: String, since: Date)] = [:]

    public init() {}

    /// A new activity, resting until it reports progress.
    public func activity(_ name: String) -> Activity { Activity(name: name, owner: self) }

    /// Activities that have worked without progress for longer than `limit`, the longest stalled first.
    public func stalls(longerThan limit: Duration, now: Date = Date()) -> [Stall] {
        let seconds = Double(limit.components.seconds) + Double(limit.components.attoseconds) / 1e18
        return lock.withLock {
            lastProgress.values.filter { now.timeIntervalSince($0.since) > seconds }
                .sorted { $0.since < $1.since }.map { Stall(name: $0.name, since: $0.since) }
        }
    }

    private func set(_ activity: Activity, workingSince date: Date?) {
        lock.withLock {
            if let date {
                lastProgress[ObjectIdentifier(activity)] = (activity.name, date)
            } else {
                lastProgress[ObjectIdentifier(activity)] = nil
            }
        }
    }

    private func remove(_ activity: Activity) {
        _ = lock.withLock { lastProgress.removeValue(forKey: ObjectIdentifier(activity)) }
    }
}
