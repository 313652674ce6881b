import Daemon
import Foundation

/// The terminal rendering of a ``StatusReport``: the daemon, each agency's troubles, what waits now and why, what
/// needs a person, then lifetime totals. Times are Vietnam time, as clerks read them.
struct StatusText {
    let report: StatusReport

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
        for agency in report.agencies { lines += Self.lines(of: agency, running: report.daemon.state == .running) }
        lines.append("waiting now: " + Self.counts(report.waitingNow, empty: "nothing"))
        lines.append("needs a person: \(report.needsAPerson.count) (files left in failed/ or quarantine/)")
        lines.append("lifetime: " + Self.counts(report.lifetime, empty: "no document yet"))
        if let oldest = report.waiting.first {
            lines.append("oldest waiting: " + Self.describe(oldest))
        } else {
            lines.append("oldest waiting: none")
        }
        if report.waiting.count > 1 {
            lines.append("waiting, oldest first:")
            lines += report.waiting.map { "  " + Self.describe($0) }
        }
        if !report.needsAPerson.isEmpty {
            lines.append("needs a person, newest first:")
            lines += report.needsAPerson.map { "  " + Self.describe($0) }
        }
        if !report.recentErrors.isEmpty {
            lines.append("last errors:")
            lines += report.recentErrors.map {
                "  #\($0.id) \($0.state) \(vietnamTime($0.updatedAt)): \($0.reason ?? "")"
            }
        }
        return lines
    }

    private var daemonLines: [String] {
        let daemon = report.daemon
        switch daemon.state {
        case .notRunning:
            guard let lastSeen = daemon.lastSeen else { return ["daemon: not running (it has never run here)"] }
            return ["daemon: NOT running (last seen \(vietnamTime(lastSeen)), pid \(daemon.pid ?? 0))"]
        case .running:
            var lines = [
                "daemon: running, pid \(daemon.pid ?? 0), since \(daemon.startedAt.map(vietnamTime) ?? "?"); "
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

    private static func lines(of agency: StatusReport.Agency, running: Bool) -> [String] {
        var lines: [String] = []
        var head = "  \(agency.code) \(agency.name)"
        if running {
            let poll: String
            if let since = agency.axisUnreachableSince {
                poll = "AXIS UNREACHABLE since \(vietnamTime(since)): \(agency.lastPollError ?? "")"
            } else if let error = agency.lastPollError {
                poll = "last poll FAILED: \(error)"
            } else if let time = agency.lastSuccessfulPoll {
                poll = "axis reachable, last poll \(vietnamTime(time))"
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
        let waiting = counts(agency.waiting, empty: "nothing")
        lines.append("    waiting now: \(waiting); needs a person: \(agency.needsAPerson)")
        return lines
    }

    private static func describe(_ document: StatusReport.Document) -> String {
        var text = "#\(document.id) \(document.state) \(document.fileName) (\(document.direction), \(document.agency), "
        text += "since \(vietnamTime(document.since)))"
        if let reason = document.reason { text += ": \(reason)" }
        if document.attempts > 0 { text += "; attempt \(document.attempts)" }
        if let next = document.nextAttemptAt { text += ", next at \(vietnamTime(next))" }
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
