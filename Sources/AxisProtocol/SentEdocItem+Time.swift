import Foundation

extension SentEdocItem {
    /// The largest difference between the axis's clock (or zone) and ours that a look-up after a lost reply
    /// tolerates while it knows no better: 14 hours, and an hour more.
    public static let maximumClockOffset: TimeInterval = 15 * 3600

    /// `sentTime` as the axis writes it (`yyyy-MM-dd HH:mm:ss` and the other spellings seen), read as Vietnam time;
    /// nil when unreadable. The axis's real clock or zone may differ from ours by hours: compare it with our times
    /// only through a learnt or tolerated offset, never to decide identity.
    public var sentDate: Date? {
        let trimmed = sentTime.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy/MM/dd HH:mm:ss", "dd/MM/yyyy HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}
