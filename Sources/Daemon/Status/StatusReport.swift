import Foundation

/// Everything `lienthong status` tells: whether the daemon runs, what each agency's pipelines are stuck on, what
/// waits now and why, what ended where a person must act, and the lifetime totals. One model with several
/// renderings: the terminal text, `--json` for scripts and monitoring, and the status page.
///
/// "Waiting now" and "needs a person" describe the present: a failed document whose file the clerk has since moved
/// out of `failed/` no longer counts there, though it stays in the lifetime totals.
public struct StatusReport: Codable, Sendable, Equatable {
    public enum DaemonState: String, Codable, Sendable {
        case running
        case notRunning = "not_running"
    }

    public struct Daemon: Codable, Sendable, Equatable {
        public var state: DaemonState
        public var pid: Int32?
        public var startedAt: Date?
        /// When the daemon last rewrote its live status (`status.json`).
        public var lastSeen: Date?
        public var axisEndpoint: String?
        /// Running, but its live status is older than it should be: it cannot rewrite `status.json` (disk full?).
        public var liveStatusStale: Bool
    }

    /// Free space where lienthong writes: the state directory and each agency's share.
    public struct Disk: Codable, Sendable, Equatable {
        public var path: String
        public var availableBytes: Int64
        public var full: Bool
    }

    public struct Agency: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        /// `inotify`, or `polling (reason)`; nil when the daemon is not running.
        public var outboxWatch: String?
        public var lastSuccessfulPoll: Date?
        /// Since when the axis cannot be reached; nil while it answers (or when the daemon is not running).
        public var axisUnreachableSince: Date?
        public var lastPollError: String?
        /// What stops the agency's outbound work now (share missing, disk full, token not present…).
        public var outboundProblem: String?
        /// What holds back its received documents now.
        public var inboundProblem: String?
        /// Outbox folders holding files without `document.meta.yaml`: nothing in them is sent.
        public var waitingFolders: [String]
        /// Documents not yet in a final state, by state.
        public var waiting: [String: Int]
        /// Failed or quarantined documents whose files are still in `failed/` or `quarantine/`.
        public var needsAPerson: Int
        /// When its oldest waiting document was recorded; nil when nothing waits.
        public var oldestWaitingSince: Date?
        /// Documents in a final state since the database was created, by state.
        public var ended: [String: Int]
    }

    /// The signing key: where it is, and whether its token is plugged in.
    public struct SigningKey: Codable, Sendable, Equatable {
        /// `file` (a key file), `token` (PKCS#11 token or HSM) or `remote` (a signing service).
        public var kind: String
        /// For a token: whether it is plugged in, as the running daemon last saw; nil otherwise, or when the daemon
        /// is not running.
        public var tokenPresent: Bool?
    }

    /// A status message exchanged about a document (``Document/statuses``).
    public struct Status: Codable, Sendable, Equatable {
        /// `01`…`06`, `15`, `16`.
        public var code: String
        /// Outbound: the recipient that sent it.
        public var from: String?
        public var at: Date?
        /// `received` (outbound), or for our answers `queued`, `sent`, `failed`.
        public var state: String
    }

    /// One document, as much as a person needs to act on it.
    public struct Document: Codable, Sendable, Equatable {
        public var id: Int64
        /// `outbound` or `inbound`.
        public var direction: String
        public var agency: String
        public var fileName: String
        public var state: String
        public var since: Date
        public var updatedAt: Date
        public var attempts: Int
        public var nextAttemptAt: Date?
        /// Why it waits or failed: the last error, or the quarantine reason.
        public var reason: String?
        /// Where its file is now, for a failed or quarantined one.
        public var location: String?
        /// The text of its `.error.txt` (failed) or `reason.txt` (quarantined), as the clerk reads it, at most
        /// 8 KiB; only in ``StatusReport/needsAPerson``.
        public var reasonFile: String?
        /// Outbound: the recipients; inbound: the sender.
        public var counterpart: String?
        /// The statuses exchanged about it, oldest first. Only in ``StatusReport/recent``.
        public var statuses: [Status]?
    }

    public var generatedAt: Date
    public var daemon: Daemon
    public var disks: [Disk]
    public var agencies: [Agency]
    /// Documents not yet in a final state, by state, all agencies.
    public var waitingNow: [String: Int]
    /// Documents in a final state since the database was created, by state.
    public var lifetime: [String: Int]
    /// The documents waiting now, oldest first (at most ``listLimit``).
    public var waiting: [Document]
    /// Failed and quarantined documents whose files are still where a person must act, newest first (at most
    /// ``listLimit``).
    public var needsAPerson: [Document]
    /// The documents whose last attempt failed, most recent first (at most five): retried ones, and answers the
    /// axis refused.
    public var recentErrors: [Document]
    /// Per agency, its last ``recentLimit`` documents each way, newest first, with their statuses.
    public var recent: [Document]
    public var signingKey: SigningKey

    /// How many documents the two lists hold at most.
    public static let listLimit = 20
    /// How many of its last documents each way ``recent`` holds per agency.
    public static let recentLimit = 50

    /// The LSB exit code of `lienthong status` (0 running, 3 not running); 4 (state unreadable) is decided before a
    /// report can exist.
    public var exitCode: Int32 { daemon.state == .running ? 0 : 3 }

    /// Whether anything needs an admin's attention now: a stopped pipeline, an unreachable axis, a full disk.
    public var hasTrouble: Bool {
        disks.contains(where: \.full)
            || agencies.contains {
                $0.outboundProblem != nil || $0.inboundProblem != nil || $0.axisUnreachableSince != nil
            }
    }

    /// The JSON of `lienthong status --json`: sorted snake_case keys, ISO 8601 times in UTC.
    public func json() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0a]
    }
}
