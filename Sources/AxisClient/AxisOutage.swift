import Foundation

/// Tracks one outage of the axis as a pipeline sees it, and decides what the journal says about it: one warning when
/// it starts, reminders at growing intervals (1, 2, 4 … minutes, at most hourly) while it lasts, one notice when it
/// ends. The inbound poll lists two message types and the outbound side has many documents waiting, so an outage
/// would otherwise log a warning for each of them every time.
public struct AxisOutage: Sendable {
    /// What to log after a call of the axis, if anything.
    public enum Entry: Equatable, Sendable {
        case started(error: String)
        case continuing(error: String, since: Date)
        case ended(after: Duration)
    }

    /// The first reminder comes this long after the start; each next one twice as long after the previous.
    public static let firstReminder: Duration = .seconds(60)
    public static let longestReminderInterval: Duration = .seconds(3600)

    /// When the current outage began (the first failure after a success); nil while the axis answers.
    public private(set) var since: Date?
    private var nextReminder: Date?
    private var reminderInterval: Duration = firstReminder

    public init() {}

    /// A call of the axis (a poll, a send) failed at `now` with `error`.
    public mutating func failed(_ error: String, at now: Date) -> Entry? {
        guard let since else {
            self.since = now
            reminderInterval = Self.firstReminder
            nextReminder = now.addingTimeInterval(TimeInterval(reminderInterval.components.seconds))
            return .started(error: error)
        }
        guard let due = nextReminder, now >= due else { return nil }
        reminderInterval = min(reminderInterval * 2, Self.longestReminderInterval)
        nextReminder = now.addingTimeInterval(TimeInterval(reminderInterval.components.seconds))
        return .continuing(error: error, since: since)
    }

    /// A call of the axis succeeded at `now`.
    public mutating func succeeded(at now: Date) -> Entry? {
        guard let since else { return nil }
        self.since = nil
        nextReminder = nil
        return .ended(after: .seconds(max(0, now.timeIntervalSince(since)).rounded()))
    }
}
