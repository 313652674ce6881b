/// Turns a `LogRecord` into exactly one line of text (without the trailing newline).
struct LogLineFormatter: Sendable {
    /// Records longer than this many bytes are cut, so that a hostile file name cannot produce a huge line and
    /// journald (which splits lines at `LineMax=`, 48 KiB by default) always sees one record as one entry.
    static let defaultMaximumBytes = 16 * 1024

    var format: LogLineFormat
    var maximumBytes: Int = Self.defaultMaximumBytes

    /// The line for `record`. `timestamp` is only used by the terminal format.
    func line(for record: LogRecord, timestamp: @autoclosure () -> String = LocalTimestamp.now()) -> String {
        switch format {
        case .priorityPrefixed:
            return "<\(record.level.syslogPriority)>" + body(of: record)
        case .terminal:
            return timestamp() + " " + record.level.terminalWord + " " + body(of: record)
        }
    }

    /// The record without any prefix: label, message and metadata. This is also the `MESSAGE=` field of a native
    /// journal entry.
    func body(of record: LogRecord) -> String {
        var text = record.label.isEmpty ? "" : LogEscaping.escape(record.label) + ": "
        text += LogEscaping.escape(record.message)
        for entry in record.entries {
            text += " " + LogEscaping.key(entry.key) + "=" + LogEscaping.value(entry.value)
        }
        return truncated(text)
    }

    private func truncated(_ text: String) -> String {
        let total = text.utf8.count
        guard total > maximumBytes else { return text }
        let marker = " …[truncated, \(total) bytes]"
        let budget = max(0, maximumBytes - marker.utf8.count)
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let size = UTF8.width(scalar)
            if used + size > budget { break }
            kept.append(scalar)
            used += size
        }
        return String(kept) + marker
    }
}
