import Foundation

/// Tracks one outage of the axis as the polls see it, and decides what the journal says about it: one warning when
/// it starts, reminders at growing intervals (1, 2, 4 … minutes, at most hourly) while it lasts, one notice when it
/// ends. A poll lists two message types, so an outage would otherwise log two warnings every poll.
struct AxisOutage: Sendable {
    /// What to log after a poll, if anything.
    enum Entry: Equatable {
        case started(error: String)
        case continuing(error: String, since: Date)
        case ended(after: Duration)
    }

    /// The first reminder comes this long after the start; each next one twice as long after the previous.
    static let firstReminder: Duration = .seconds(60)
    static let longestReminderInterval: Duration = .seconds(3600)

    /// When the current outage began (the first failed poll after a success); nil while the axis answers.
    private(set) var since: Date?
    private var nextReminder: Date?
    private var reminderInterval: Duration = firstReminder

    /// A poll failed at `now` with `error`.
    mutating func failed(_ error: String, at now: Date) -> Entry? {
        guard let since else {
            self.since = now
            reminderInterval = Self.firstReminder
            nextReminder = now.addingTimeInterval(reminderInterval.seconds)
            return .started(error: error)
        }
        guard let due = nextReminder, now >= due else { return nil }
        reminderInterval = min(reminderInterval * 2, Self.longestReminderInterval)
        nextReminder = now.addingTimeInterval(reminderInterval.seconds)
        return .continuing(error: error, since: since)
    }

    /// A poll succeeded at `now`.
    mutating func succeeded(at now: Date) -> Entry? {
        guard let since else { return nil }
        self.since = nil
        nextReminder = nil
        return .ended(after: .seconds(max(0, now.timeIntervalSince(since)).rounded()))
    }
}
