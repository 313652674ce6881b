import Foundation
import SystemSupport

/// Set by a task's cancellation handler, read by libcurl's progress callback on the transfer thread. It also carries
/// the calling task's ``Liveness/Activity`` there (task-locals do not cross onto the transfer queue), so that a long
/// transfer that keeps moving bytes counts as progress for the watchdog.
final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    /// The work this transfer is part of, captured where the task started it.
    let activity: Liveness.Activity?

    init(activity: Liveness.Activity? = Liveness.Activity.current) {
        self.activity = activity
    }

    var isCancelled: Bool { lock.withLock { cancelled } }

    func cancel() { lock.withLock { cancelled = true } }
}
