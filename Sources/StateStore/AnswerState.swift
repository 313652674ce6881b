/// Where one queued answer is: `queued → sent`, or `queued → failed` when the axis refused it for good.
/// A failed answer stays in the history; the clerk may ask for the same code again.
public enum AnswerState: String, Codable, Sendable, CaseIterable {
    case queued, sent, failed
}
