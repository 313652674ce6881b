/// Something the watcher wants a person to know (mode changes, fallbacks, files it will not send).
/// The daemon forwards these to its logger; FolderWatch itself does not depend on a logging library.
public struct WatchDiagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Level: String, Sendable {
        case info
        case warning
        case error
    }

    public let level: Level
    public let message: String
    /// The file or folder concerned, for the journal's `PATH` field.
    public let path: String?

    public init(level: Level, message: String, path: String? = nil) {
        self.level = level
        self.message = message
        self.path = path
    }

    public var description: String { "\(level.rawValue): \(message)" }
}
