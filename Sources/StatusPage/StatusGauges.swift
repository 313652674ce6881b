import Daemon
import Foundation
import Prometheus
import StateStore

/// The gauges of one scrape, read from the status report: the same numbers the page and `status --json` show.
struct StatusGauges {
    let report: StatusReport
    let now: Date
    let registry: PrometheusCollectorRegistry

    func set() {
        gauge("lienthong_daemon_running", [], report.daemon.state == .running ? 1 : 0, help: "1 while the daemon runs.")
        for agency in report.agencies { set(agency) }
        if report.signingKey.kind == "token", let present = report.signingKey.tokenPresent {
            gauge(
                "lienthong_signing_token_present", [], present ? 1 : 0,
                help: "1 while the PKCS#11 token holding the signing key is plugged in.")
        }
        for disk in report.disks {
            gauge(
                "lienthong_disk_available_bytes", [("path", disk.path)], Double(disk.availableBytes),
                help: "Free bytes where lienthong writes: the state directory and each share.")
            gauge(
                "lienthong_disk_full", [("path", disk.path)], disk.full ? 1 : 0,
                help: "1 when the disk is too full for lienthong to record or write documents.")
        }
    }

    private func set(_ agency: StatusReport.Agency) {
        let code = ("agency", agency.code)
        var waiting: [Direction: Int] = [.outbound: 0, .inbound: 0]
        for state in DocumentState.allCases {
            let count = agency.waiting[state.rawValue] ?? agency.ended[state.rawValue] ?? 0
            if !state.isTerminal { waiting[state.direction, default: 0] += count }
            gauge(
                "lienthong_documents", [code, ("direction", name(state.direction)), ("state", state.rawValue)],
                Double(count), help: "Documents in each state, by agency and direction.")
        }
        for (direction, count) in waiting.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            gauge(
                "lienthong_waiting_documents", [code, ("direction", name(direction))], Double(count),
                help: "Documents not yet in a final state.")
        }
        let age = agency.oldestWaitingSince.map { max(0, now.timeIntervalSince($0)) } ?? 0
        gauge(
            "lienthong_oldest_waiting_age_seconds", [code], age,
            help: "Age of the oldest document not yet in a final state; 0 when none waits.")
        gauge(
            "lienthong_needs_a_person_documents", [code], Double(agency.needsAPerson),
            help: "Failed or quarantined documents whose files are still in failed/ or quarantine/.")
        if let poll = agency.lastSuccessfulPoll {
            gauge(
                "lienthong_last_successful_poll_timestamp_seconds", [code], poll.timeIntervalSince1970,
                help: "When the axis last answered a poll, in Unix seconds.")
        }
        guard report.daemon.state == .running else { return }
        gauge(
            "lienthong_axis_reachable", [code], agency.axisUnreachableSince == nil ? 1 : 0,
            help: "0 while the axis cannot be reached.")
        if let watch = agency.outboxWatch {
            let mode = watch.hasPrefix("inotify") ? "inotify" : "polling"
            gauge(
                "lienthong_outbox_watch_mode", [code, ("mode", mode)], 1,
                help: "How the agency's outbox is watched (inotify or polling); always 1.")
        }
    }

    private func gauge(_ name: String, _ labels: [(String, String)], _ value: Double, help: String) {
        let descriptor = MetricNameDescriptor(metricName: name, unitName: "", helpText: help)
        registry.makeGauge(descriptor: descriptor, labels: labels).set(value)
    }

    private func name(_ direction: Direction) -> String { direction == .outbound ? "outbound" : "inbound" }
}
