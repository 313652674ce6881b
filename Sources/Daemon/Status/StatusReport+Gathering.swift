import Config
import Foundation
import StateStore
import SystemSupport

extension StatusReport {
    /// Reads the database, the daemon's live status and the disks.
    ///
    /// - Parameters:
    ///   - isRunning: whether the process with this pid is the lienthong daemon (a stale `status.json` names a pid
    ///     that may since belong to another program).
    ///   - fileExists: whether a failed or quarantined document's file is still there (injected for tests).
    public static func gather(
        config: LienthongConfig, store: DocumentStore, now: Date = Date(), isRunning: (Int32) -> Bool,
        fileExists: (String) -> Bool = { (try? FileStatus.lstat($0)) != nil }
    ) throws -> StatusReport {
        let runtime = try? RuntimeStatus.read(stateDirectory: config.stateDirectory)
        let daemon = daemon(runtime, now: now, isRunning: isRunning)
        let live = daemon.state == .running ? runtime : nil

        let counts = try store.countsByAgencyAndState()
        var waitingNow: [String: Int] = [:]
        var lifetime: [String: Int] = [:]
        for (_, byState) in counts {
            for (state, count) in byState {
                if state.isTerminal {
                    lifetime[state.rawValue, default: 0] += count
                } else {
                    waitingNow[state.rawValue, default: 0] += count
                }
            }
        }
        let ended = try store.endedForAPerson(limit: 1000).filter { record in
            record.destinationPath.map(fileExists) ?? false
        }
        let agencies = try config.agencies.map { agency in
            let status = live?.agencies.first { $0.code == agency.code }
            let byState = counts[agency.code] ?? [:]
            return Agency(
                code: agency.code, name: agency.name, outboxWatch: status?.outboxWatch,
                lastSuccessfulPoll: status?.lastSuccessfulPoll, axisUnreachableSince: status?.axisUnreachableSince,
                lastPollError: status?.lastPollError, outboundProblem: status?.outboundProblem,
                inboundProblem: status?.inboundProblem, waitingFolders: status?.waitingFolders ?? [],
                waiting: Dictionary(
                    uniqueKeysWithValues: byState.filter { !$0.key.isTerminal }.map { ($0.key.rawValue, $0.value) }),
                needsAPerson: ended.filter { $0.agency == agency.code }.count,
                oldestWaitingSince: try store.waiting(limit: 1, agency: agency.code).first?.createdAt,
                ended: Dictionary(
                    uniqueKeysWithValues: byState.filter { $0.key.isTerminal }.map { ($0.key.rawValue, $0.value) }))
        }
        let paths = [config.stateDirectory] + config.agencies.map(\.folders.root)
        let disks = paths.compactMap { path -> Disk? in
            guard let space = try? FreeSpace.of(path) else { return nil }
            return Disk(path: path, availableBytes: Int64(clamping: space.availableBytes), full: space.isFull)
        }
        return StatusReport(
            generatedAt: now, daemon: daemon, disks: disks, agencies: agencies, waitingNow: waitingNow,
            lifetime: lifetime, waiting: try store.waiting(limit: listLimit).map(Document.init),
            needsAPerson: ended.prefix(listLimit).map { record in
                var document = Document(record)
                document.reasonFile = ReasonFile.text(state: document.state, location: document.location)
                return document
            },
            recentErrors: try store.recentErrors(limit: 5).map(Document.init),
            recent: try recent(config: config, store: store),
            signingKey: SigningKey(
                kind: config.signing.remote != nil ? "remote" : config.signing.pkcs11URI != nil ? "token" : "file",
                tokenPresent: config.signing.pkcs11URI != nil ? live?.tokenPresent : nil))
    }

    /// Each agency's last documents each way, with the statuses exchanged about them.
    private static func recent(config: LienthongConfig, store: DocumentStore) throws -> [Document] {
        var documents: [Document] = []
        for agency in config.agencies {
            for direction in [Direction.outbound, .inbound] {
                for (record, statuses) in try store.recent(
                    agency: agency.code, direction: direction, limit: recentLimit)
                {
                    var document = Document(record)
                    document.statuses = statuses.map {
                        Status(code: $0.code, from: $0.from, at: $0.at, state: $0.state)
                    }
                    documents.append(document)
                }
            }
        }
        return documents
    }

    private static func daemon(_ runtime: RuntimeStatus?, now: Date, isRunning: (Int32) -> Bool) -> Daemon {
        guard let runtime else {
            return Daemon(
                state: .notRunning, pid: nil, startedAt: nil, lastSeen: nil, axisEndpoint: nil, liveStatusStale: false)
        }
        let running = isRunning(runtime.pid)
        let age = now.timeIntervalSince(runtime.updatedAt)
        return Daemon(
            state: running ? .running : .notRunning, pid: runtime.pid, startedAt: runtime.startedAt,
            lastSeen: runtime.updatedAt, axisEndpoint: runtime.axisEndpoint,
            liveStatusStale: running && age > 6 * RuntimeStatus.refreshInterval.seconds)
    }
}

extension StatusReport.Document {
    init(_ record: DocumentRecord) {
        self.init(
            id: record.id ?? 0, direction: record.direction == .outbound ? "outbound" : "inbound",
            agency: record.agency,
            fileName: record.fileName, state: record.state.rawValue, since: record.createdAt,
            updatedAt: record.updatedAt, attempts: record.attempts, nextAttemptAt: record.nextAttemptAt,
            reason: record.state == .quarantined ? (record.quarantineReason ?? record.lastError) : record.lastError,
            location: record.state.isTerminal ? record.destinationPath : nil,
            counterpart: record.direction == .outbound ? record.recipients.joined(separator: ", ") : record.counterpart)
    }
}
