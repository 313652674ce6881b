/// One thing wrong with a configuration file, located by key path and line.
///
/// `description` reads like `agencies[0].watch.mode (line 31): 'inotfy' is not valid; use auto, inotify or poll`.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is, e.g. `agencies[1].watch.settle_time`; empty for the file as a whole.
    public var keyPath: String
    /// 1-based line in the file, when known.
    public var line: Int?
    /// What is wrong and what would be valid. Never contains a secret.
    public var message: String

    public init(keyPath: String, line: Int?, message: String) {
        self.keyPath = keyPath
        self.line = line
        self.message = message
    }

    public var description: String {
        switch (keyPath.isEmpty, line) {
        case (false, let line?): "\(keyPath) (line \(line)): \(message)"
        case (false, nil): "\(keyPath): \(message)"
        case (true, let line?): "line \(line): \(message)"
        case (true, nil): message
        }
    }
}
