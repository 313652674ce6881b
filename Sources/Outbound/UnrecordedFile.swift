import FolderWatch
import Foundation

/// A ready file that could not be recorded (disk full, database locked), and when to offer it again.
struct UnrecordedFile: Sendable {
    let file: ReadyFile
    /// Failed attempts so far.
    let attempts: Int
    let due: Date

    init(file: ReadyFile, attempts: Int, now: Date) {
        self.file = file
        self.attempts = attempts
        due = now.addingTimeInterval(Self.backoff(attempt: attempts).seconds)
    }

    var delay: Duration { Self.backoff(attempt: attempts) }

    /// 1, 2, 4, 8, 16 s, then every 30 s: once space returns, what waits is recorded within seconds.
    static func backoff(attempt: Int) -> Duration {
        .seconds(min(30, 1 << min(max(attempt - 1, 0), 5)))
    }
}
