import Foundation

/// What the running daemon knows that the database does not: how each outbox is watched and how the last poll of
/// the axis went. Written to `<state_directory>/status.json` every few seconds; `lienthong status` reads it, and
/// `lienthong poll` finds the daemon's pid in it.
public struct RuntimeStatus: Codable, Sendable, Equatable {
    public struct Agency: Codable, Sendable, Equatable {
        public var code: String
        /// `inotify`, or `polling (reason)`.
        public var outboxWatch: String
        public var lastSuccessfulPoll: Date?
        public var lastPollError: String?
        /// Since when the axis cannot be reached (the first failed poll of the current outage); nil while it
        /// answers. Absent in files written by older versions.
        public var axisUnreachableSince: Date?
        /// Outbox folders holding files but no `document.meta.yaml` for a long time: nothing in them is sent.
        /// Absent in files written by older versions.
        public var waitingFolders: [String]?
        /// What stops the agency's outbound work right now (a full disk, a locked database); nil when nothing does.
        public var outboundProblem: String?
        /// What holds back the agency's received documents right now; nil when nothing does.
        public var inboundProblem: String?

        public init(
            code: String, outboxWatch: String, lastSuccessfulPoll: Date?, lastPollError: String?,
            waitingFolders: [String]? = nil, outboundProblem: String? = nil, inboundProblem: String? = nil,
            axisUnreachableSince: Date? = nil
        ) {
            self.axisUnreachableSince = axisUnreachableSince
            self.code = code
            self.outboxWatch = outboxWatch
            self.lastSuccessfulPoll = lastSuccessfulPoll
            self.lastPollError = lastPollError
            self.waitingFolders = waitingFolders
            self.outboundProblem = outboundProblem
            self.inboundProblem = inboundProblem
        }
    }

    public var pid: Int32
    public var startedAt: Date
    public var updatedAt: Date
    public var axisEndpoint: String
    public var agencies: [Agency]
    /// Whether the PKCS#11 token holding the signing key is plugged in; nil when the key is not on a token. Absent
    /// in files written by older versions.
    public var tokenPresent: Bool?

    /// How often the daemon rewrites the file; a file much older than this means the daemon is not running.
    public static let refreshInterval: Duration = .seconds(5)

    public static func path(stateDirectory: String) -> String { stateDirectory + "/status.json" }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(self)) + [0x0a]
    }

    public static func read(stateDirectory: String) throws -> RuntimeStatus {
        let data = try Data(contentsOf: URL(fileURLWithPath: path(stateDirectory: stateDirectory)))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(RuntimeStatus.self, from: data)
    }
}
