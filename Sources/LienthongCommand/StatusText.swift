import Config
import Daemon
import Foundation

/// The terminal rendering of a ``StatusReport``: the daemon, each agency's troubles, what waits now and why, what
/// needs a person, then lifetime totals. Times are in the configuration's `time_zone`, as clerks read them.
struct StatusText {
    let report: StatusReport
    let zone: CivilTimeZone

    var lines: [String] {
        var lines = daemonLines
        if report.signingKey.kind == "token", let present = report.signingKey.tokenPresent {
            lines.append(
                present ? "signing token: plugged in" : "signing token: NOT plugged in; documents wait to be signed")
        }
        for disk in report.disks where disk.full {
            lines.append(
                "DISK FULL on \(disk.path): \(disk.availableBytes) bytes free; nothing new is recorded or claimed until "
                    + "space is freed (lienthong resumes on its own)")
        }
        for agency in report.agencies { lines += self.lines(of: agency, running: report.daemon.state == .running) }
        lines.append("waiting now: " + Self.counts(report.waitingNow, empty: "nothing"))
        lines.append("needs a person: \(report.needsAPerson.count) (files left in failed/ or quarantine/)")
        lines.append("lifetime: " + Self.counts(report.lifetime, empty: "no document yet"))
        if let oldest = report.waiting.first {
            lines.append("oldest waiting: " + describe(oldest))
        } else {
            lines.append("oldest waiting: none")
        }
        if report.waiting.count > 1 {
            lines.append("waiting, oldest first:")
            lines += report.waiting.map { "  " + describe($0) }
        }
        if !report.needsAPerson.isEmpty {
            lines.append("needs a person, newest first:")
            lines += report.needsAPerson.map { "  " + describe($0) }
        }
        if !report.recentErrors.isEmpty {
            lines.append("last errors:")
            lines += report.recentErrors.map {
                "  #\($0.id) \($0.state) \(localTime($0.updatedAt, in: zone)): \($0.reason ?? "")"
            }
        }
        return lines
    }

    private var daemonLines: [String] {
        let daemon = report.daemon
        switch daemon.state {
        case .notRunning:
            guard let lastSeen = daemon.lastSeen else { return ["daemon: not running (it has never run here)"] }
            return ["daemon: NOT running (last seen \(localTime(lastSeen, in: zone)), pid \(daemon.pid ?? 0))"]
        case .running:
            var lines = [
                "daemon: running, pid \(daemon.pid ?? 0), since \(daemon.startedAt.map { localTime($0, in: zone) } ?? "?"); "
                    + "axis \(daemon.axisEndpoint ?? "?")"
            ]
            if daemon.liveStatusStale, let lastSeen = daemon.lastSeen {
                let age = Int(report.generatedAt.timeIntervalSince(lastSeen))
                lines.append(
                    "  its live status below is \(age) s old: it cannot rewrite its status.json (disk full? see "
                        + "journalctl -u lienthong)")
            }
            return lines
        }
    }

    private func lines(of agency: StatusReport.Agency, running: Bool) -> [String] {
        var lines: [String] = []
        var head = "  \(agency.code) \(agency.name)"
        if running {
            let poll: String
            if let since = agency.axisUnreachableSince {
                poll = "AXIS UNREACHABLE since \(localTime(since, in: zone)): \(agency.lastPollError ?? "")"
            } else if let error = agency.lastPollError {
                poll = "last poll FAILED: \(error)"
            } else if let time = agency.lastSuccessfulPoll {
                poll = "axis reachable, last poll \(localTime(time, in: zone))"
            } else {
                poll = "axis not polled yet"
            }
            head += ": outbox watched by \(agency.outboxWatch ?? "?"); \(poll)"
        }
        lines.append(head)
        if let problem = agency.outboundProblem { lines.append("    STOPPED, outbound: \(problem)") }
        if let problem = agency.inboundProblem { lines.append("    STOPPED, inbound: \(problem)") }
        for folder in agency.waitingFolders {
            lines.append("    WAITING, nothing sent: \(folder) holds files but no document.meta.yaml (misspelt code?)")
        }
        let waiting = Self.counts(agency.waiting, empty: "nothing")
        lines.append("    waiting now: \(waiting); needs a person: \(agency.needsAPerson)")
        return lines
    }

    private func describe(_ document: StatusReport.Document) -> String {
        var text = "#\(document.id) \(document.state) \(document.fileName) (\(document.direction), \(document.agency), "
        text += "since \(localTime(document.since, in: zone)))"
        if let reason = document.reason { text += ": \(reason)" }
        if document.attempts > 0 { text += "; attempt \(document.attempts)" }
        if let next = document.nextAttemptAt { text += ", next at \(localTime(next, in: zone))" }
        if let location = document.location { text += " → \(location)" }
        return text
    }

    /// `claimed 2, packaged 1` in the pipelines' order; `empty` when every count is zero.
    private static func counts(_ counts: [String: Int], empty: String) -> String {
        let order = [
            "detected", "claimed", "signed", "packaged", "sent", "listed", "downloaded", "delivered", "filed",
            "acknowledged", "failed", "quarantined", "redirected",
        ]
        let known = order.compactMap { state in counts[state].flatMap { $0 > 0 ? "\(state) \($0)" : nil } }
        let others = counts.keys.filter { !order.contains($0) }.sorted().map { "\($0) \(counts[$0] ?? 0)" }
        let all = known + others
        return all.isEmpty ? empty : all.joined(separator: ", ")
    }
}
