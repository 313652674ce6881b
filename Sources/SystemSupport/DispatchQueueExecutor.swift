import Dispatch

/// A serial executor on a dedicated dispatch queue, for an actor whose work blocks in system calls (directory
/// listings and `lstat`s on a slow network share): its jobs then run on the queue's thread instead of occupying one
/// of Swift's few cooperative threads, which every other task of the daemon shares (two on a two-core server).
///
/// ```swift
/// actor Watcher {
///     private let executor = DispatchQueueExecutor(label: "lienthong.watch")
///     nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
/// }
/// ```
public final class DispatchQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue
    private let key = DispatchSpecificKey<Bool>()

    public init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
        queue.setSpecific(key: key, value: true)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }

    /// Whether the calling code runs on this executor's queue.
    public var isCurrent: Bool { DispatchQueue.getSpecific(key: key) == true }
}
