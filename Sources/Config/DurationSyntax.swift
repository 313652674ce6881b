/// Durations as written in the configuration: `500ms`, `3s`, `10m`, `1h`, `1h30m`, `1d`, or a bare integer of seconds.
enum DurationSyntax {
    /// Shown in error messages.
    static let examples = "500ms, 3s, 10m, 1h30m or a number of seconds"
    /// Nothing in lienthong waits longer than this; larger values are typos.
    static let maximumMilliseconds: Int64 = 366 * 24 * 3_600_000

    private static let unitMilliseconds: [String: Int64] = [
        "ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000,
    ]

    /// The duration, or `nil` when `text` is not a duration or exceeds a year.
    static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingWhitespace()
        if let seconds = Int64(trimmed) {
            guard seconds >= 0, seconds <= maximumMilliseconds / 1000 else { return nil }
            return .seconds(seconds)
        }
        var total: Int64 = 0
        var characters = Substring(trimmed.lowercased())
        guard !characters.isEmpty else { return nil }
        while !characters.isEmpty {
            let digits = characters.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 12, let number = Int64(digits) else { return nil }
            characters = characters.dropFirst(digits.count)
            let unit = characters.prefix { $0.isASCII && $0.isLetter }
            guard let scale = unitMilliseconds[String(unit)] else { return nil }
            characters = characters.dropFirst(unit.count)
            let (part, overflow) = number.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            total += part
            guard total <= maximumMilliseconds else { return nil }
        }
        return .milliseconds(total)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
