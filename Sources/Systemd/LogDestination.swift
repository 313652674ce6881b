import Glibc

/// Decides where log records go, once per process, from the environment and what stderr is connected to.
///
/// - stderr is journald's stream (`JOURNAL_STREAM` names stderr's device and inode): the native journal protocol,
///   with `<N>` lines on stderr as the fallback.
/// - otherwise, stderr is a terminal: the terminal format with a timestamp and the level word.
/// - otherwise (a pipe, a file, a container's log collector): `<N>` lines.
enum LogDestination: Equatable {
    case journal
    case standardError(LogLineFormat)

    static func detect(
        environment: [String: String],
        standardErrorIdentity: FileIdentity?,
        standardErrorIsTerminal: Bool
    ) -> LogDestination {
        if let stream = environment["JOURNAL_STREAM"], let expected = FileIdentity(journalStream: stream),
            expected == standardErrorIdentity
        {
            return .journal
        }
        return .standardError(standardErrorIsTerminal ? .terminal : .priorityPrefixed)
    }

    /// The output for this process, chosen on first use.
    static let processOutput: any LogOutput = makeOutput(
        for: detect(
            environment: ProcessEnvironment.current(),
            standardErrorIdentity: FileIdentity(descriptor: STDERR_FILENO),
            standardErrorIsTerminal: isatty(STDERR_FILENO) == 1
        )
    )

    static func makeOutput(for destination: LogDestination) -> any LogOutput {
        switch destination {
        case .standardError(let format):
            return StandardErrorOutput(format: format)
        case .journal:
            let fallback = StandardErrorOutput(format: .priorityPrefixed)
            guard let writer = try? JournalNativeWriter() else { return fallback }
            return JournalNativeOutput(writer: writer, fallback: fallback, identifier: ProcessEnvironment.identifier)
        }
    }
}

/// A file's device and inode, as `JOURNAL_STREAM` gives them.
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }

    /// Parses `JOURNAL_STREAM`'s `device:inode` (both decimal).
    init?(journalStream: String) {
        let parts = journalStream.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return nil }
        self.init(device: device, inode: inode)
    }

    init?(descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        self.init(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
    }
}
