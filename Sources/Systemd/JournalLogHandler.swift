import Logging

/// A swift-log handler for a daemon under systemd: one line per record, with the syslog priority that journald reads.
///
/// Output, chosen once per process:
/// - under systemd (`JOURNAL_STREAM` names stderr): native journal entries, so that `journalctl DOC_ID=42` works,
///   falling back to `<N>` lines on stderr if the journal socket cannot be used;
/// - on a terminal: `2026-11-25T11:48:48.123+07:00 INFO     label: message KEY=value key=value`;
/// - anywhere else: `<6>label: message DOC_ID=42 AGENCY=000.00.00.H41 attempt=3`.
///
/// Every record is one line: newlines and control characters in messages, keys and values are escaped (see
/// `LogEscaping`), values with spaces are quoted, and records are cut at 16 KiB. `JournalField` keys come first in
/// a fixed order, the other keys follow sorted. Values whose key contains `secret`, `password` or `token`
/// (any case, at any depth of a dictionary value) are printed as `<redacted>`.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level

    /// The label given to `Logger(label:)`, printed before the message (empty: nothing printed).
    public let label: String
    private let output: any LogOutput

    /// A handler whose output is chosen from the environment (see the type's documentation).
    public init(label: String, level: Logger.Level = .info, metadataProvider: Logger.MetadataProvider? = nil) {
        self.init(label: label, level: level, output: LogDestination.processOutput, metadataProvider: metadataProvider)
    }

    /// A handler that always writes `format` lines to stderr, whatever the environment.
    public init(
        label: String,
        level: Logger.Level = .info,
        format: LogLineFormat,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.init(
            label: label, level: level, output: StandardErrorOutput(format: format),
            metadataProvider: metadataProvider)
    }

    init(label: String, level: Logger.Level, output: any LogOutput, metadataProvider: Logger.MetadataProvider?) {
        self.label = label
        self.logLevel = level
        self.output = output
        self.metadataProvider = metadataProvider
    }

    /// Makes every `Logger` in the process use a `JournalLogHandler` at `level`. Call once, first thing in `main`.
    public static func bootstrap(level: Logger.Level, metadataProvider: Logger.MetadataProvider? = nil) {
        LoggingSystem.bootstrap(
            { label, provider in JournalLogHandler(label: label, level: level, metadataProvider: provider) },
            metadataProvider: metadataProvider
        )
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        output.write(record(for: event))
    }

    /// The record for `event`: the handler's metadata, then the provider's, then the event's (later ones win),
    /// plus the event's error as `error` unless the metadata already has one.
    func record(for event: LogEvent) -> LogRecord {
        var merged = metadata
        if let provided = metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, new in new }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            merged.merge(explicit) { _, new in new }
        }
        if let error = event.error, merged["error"] == nil {
            merged["error"] = .string(String(describing: error))
        }
        return LogRecord(
            level: event.level,
            label: label,
            message: event.message.description,
            metadata: merged,
            file: event.file,
            function: event.function,
            line: event.line
        )
    }
}
