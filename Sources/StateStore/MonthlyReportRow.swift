import Foundation

/// One line of the monthly report: what one agency of ours exchanged with one counterpart in the month.
///
/// A document belongs to the month of its `createdAt` (found in the outbox, or listed by the axis). An outbound
/// document counts once for each of its recipients.
public struct MonthlyReportRow: Sendable, Equatable, Codable {
    /// The status codes a recipient sends about our documents, in the report's order.
    public static let statusCodes = ["01", "02", "03", "04", "05", "06"]
    /// The answers we send about received documents that the report counts.
    public static let answerCodes = ["02", "03", "04", "05", "06"]

    /// Our agency's code.
    public var agency: String
    /// The other side's code: a recipient of ours, or the sender; empty when not recorded.
    public var counterpart: String
    /// Outbound documents the axis accepted (`sent` or `filed`).
    public var sent = 0
    /// Outbound documents that ended `failed`.
    public var failed = 0
    /// Outbound documents still on their way (neither sent nor failed yet).
    public var sending = 0
    /// Received documents that reached the inbox (`delivered` or `acknowledged`).
    public var received = 0
    /// Received documents that ended in quarantine.
    public var quarantined = 0
    /// Documents with a valid signature: every outbound document sent (signed by us), and received ones whose
    /// verdict is ``SignatureVerdict/allValid``.
    public var validlySigned = 0
    /// Received documents of which some attachments carry a valid signature, some not.
    public var partlyValid = 0
    /// Received documents with no valid signature (unsigned, untrusted, unreadable) or a broken one.
    public var unsignedOrInvalid = 0
    /// Received documents (in the inbox or quarantined) whose verdict was not recorded (before v8, or quarantined
    /// before their signatures were checked).
    public var verdictUnknown = 0
    /// How many of our sent documents got each status (``statusCodes``) from this counterpart.
    public var statuses: [String: Int] = [:]
    /// How many of the counterpart's documents we answered with each code (``answerCodes``), answers sent.
    public var answers: [String: Int] = [:]
    /// Median seconds from finding the file in the outbox to the axis accepting it.
    public var medianSecondsToAxis: Double?
    /// Median seconds from the axis listing a document to its delivery in the inbox.
    public var medianSecondsToInbox: Double?

    public init(agency: String, counterpart: String) {
        self.agency = agency
        self.counterpart = counterpart
    }
}
