/// Where `JournalLogHandler` sends a finished record. Implementations must be safe to call from any thread and must
/// never throw or block for long: logging must not stop document processing.
protocol LogOutput: Sendable {
    func write(_ record: LogRecord)
}
