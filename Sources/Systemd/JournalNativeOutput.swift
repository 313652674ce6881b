/// Sends records to journald through the native protocol, so that `DOC_ID`, `AGENCY` and the other
/// `JournalField`s become real journal fields, and falls back to a `<N>` line on stderr whenever that fails.
struct JournalNativeOutput: LogOutput {
    let writer: JournalNativeWriter
    let fallback: any LogOutput
    let identifier: String
    private let formatter = LogLineFormatter(format: .priorityPrefixed)

    init(writer: JournalNativeWriter, fallback: any LogOutput, identifier: String) {
        self.writer = writer
        self.fallback = fallback
        self.identifier = identifier
    }

    func write(_ record: LogRecord) {
        do {
            try writer.send(fields(for: record))
        } catch {
            fallback.write(record)
        }
    }

    /// The journal entry for `record`: `MESSAGE` is the same single line as on stderr (without `<N>`), so
    /// `journalctl` shows the same text either way; the journal fields carry the raw, unescaped values.
    func fields(for record: LogRecord) -> [JournalNativeWriter.Field] {
        var fields: [JournalNativeWriter.Field] = [
            .init(name: "MESSAGE", value: formatter.body(of: record)),
            .init(name: "PRIORITY", value: String(record.level.syslogPriority)),
            .init(name: "SYSLOG_IDENTIFIER", value: identifier),
        ]
        if !record.label.isEmpty {
            fields.append(.init(name: "LOGGER", value: record.label))
        }
        for entry in record.entries {
            if let field = entry.journalField {
                fields.append(.init(name: field.rawValue, value: entry.value))
            }
        }
        if !record.file.isEmpty {
            fields.append(.init(name: "CODE_FILE", value: record.file))
            fields.append(.init(name: "CODE_LINE", value: String(record.line)))
            fields.append(.init(name: "CODE_FUNC", value: record.function))
        }
        return fields
    }
}
