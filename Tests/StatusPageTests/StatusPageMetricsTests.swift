import Foundation
import Prometheus
import StateStore
import Testing

@testable import Daemon
@testable import StatusPage

/// `/metrics`: gauges from the report at each scrape, counters and latencies from committed steps, each daemon with
/// its own registry.
@Suite struct StatusPageMetricsTests {
    static let code = ReportFixture.code

    static func text(_ metrics: StatusPageMetrics, _ report: StatusReport?) -> String {
        String(decoding: metrics.exposition(of: report, now: ReportFixture.now), as: UTF8.self)
    }

    @Test func gaugesFollowTheReportAndAnEmptiedStateShowsZero() {
        let metrics = StatusPageMetrics()
        let busy = ReportFixture.report(
            agencies: [ReportFixture.agency(waiting: ["packaged": 2], ended: ["filed": 5], needsAPerson: 1)])
        var text = Self.text(metrics, busy)
        #expect(
            text.contains("lienthong_documents{agency=\"\(Self.code)\",direction=\"outbound\",state=\"packaged\"} 2"))
        #expect(text.contains("lienthong_documents{agency=\"\(Self.code)\",direction=\"outbound\",state=\"filed\"} 5"))
        #expect(text.contains("lienthong_waiting_documents{agency=\"\(Self.code)\",direction=\"outbound\"} 2"))
        #expect(text.contains("lienthong_waiting_documents{agency=\"\(Self.code)\",direction=\"inbound\"} 0"))
        #expect(text.contains("lienthong_oldest_waiting_age_seconds{agency=\"\(Self.code)\"} 120"))
        #expect(text.contains("lienthong_needs_a_person_documents{agency=\"\(Self.code)\"} 1"))
        #expect(text.contains("lienthong_axis_reachable{agency=\"\(Self.code)\"} 1"))
        #expect(text.contains("lienthong_outbox_watch_mode{agency=\"\(Self.code)\",mode=\"inotify\"} 1"))
        #expect(text.contains("lienthong_last_successful_poll_timestamp_seconds{agency=\"\(Self.code)\"} 1795999995"))
        #expect(text.contains("lienthong_build_info{version=\""))
        #expect(text.contains("# TYPE lienthong_documents gauge"))

        text = Self.text(metrics, ReportFixture.report(agencies: [ReportFixture.agency(ended: ["filed": 7])]))
        #expect(
            text.contains("lienthong_documents{agency=\"\(Self.code)\",direction=\"outbound\",state=\"packaged\"} 0"))
        #expect(text.contains("lienthong_oldest_waiting_age_seconds{agency=\"\(Self.code)\"} 0"))
    }

    @Test func withoutAReportOnlyBuildInfoAndCountersAreExposed() {
        let text = Self.text(StatusPageMetrics(), nil)
        #expect(text.contains("lienthong_build_info"))
        #expect(!text.contains("lienthong_documents"))
    }

    @Test func tokenPresenceIsAGaugeOnlyForATokenKey() {
        let metrics = StatusPageMetrics()
        #expect(!Self.text(metrics, ReportFixture.report()).contains("lienthong_signing_token_present"))
        let absent = ReportFixture.report(signingKey: .init(kind: "token", tokenPresent: false))
        #expect(Self.text(metrics, absent).contains("lienthong_signing_token_present 0"))
    }

    @Test func committedStepsCountRetriesAndTimeSendsAndDeliveries() {
        let metrics = StatusPageMetrics()
        let created = ReportFixture.now
        metrics.documents.committed([
            CommittedStep(
                kind: .retry(state: .packaged), direction: .outbound, agency: Self.code, documentCreatedAt: created,
                at: created.addingTimeInterval(2)),
            CommittedStep(
                kind: .transition(from: .packaged, to: .sent), direction: .outbound, agency: Self.code,
                documentCreatedAt: created, at: created.addingTimeInterval(12)),
            CommittedStep(
                kind: .transition(from: .downloaded, to: .delivered), direction: .inbound, agency: Self.code,
                documentCreatedAt: created, at: created.addingTimeInterval(3)),
        ])
        let text = Self.text(metrics, nil)
        #expect(
            text.contains(
                "lienthong_retries_total{agency=\"\(Self.code)\",direction=\"outbound\",state=\"packaged\"} 1"),
            "\(text)")
        #expect(text.contains("lienthong_send_latency_seconds_count{agency=\"\(Self.code)\"} 1"), "\(text)")
        #expect(
            text.contains("lienthong_send_latency_seconds_bucket{agency=\"\(Self.code)\",le=\"15.0\"} 1"), "\(text)")
        #expect(text.contains("lienthong_send_latency_seconds_bucket{agency=\"\(Self.code)\",le=\"5.0\"} 0"), "\(text)")
        #expect(text.contains("lienthong_delivery_latency_seconds_count{agency=\"\(Self.code)\"} 1"), "\(text)")
        #expect(
            text.contains(
                "lienthong_transitions_total{agency=\"\(Self.code)\",direction=\"outbound\",state=\"sent\"} 1"),
            "\(text)")
    }

    @Test func twoDaemonsInOneProcessKeepTheirOwnCounts() {
        let first = StatusPageMetrics()
        let second = StatusPageMetrics()
        first.documents.committed([
            CommittedStep(
                kind: .retry(state: .listed), direction: .inbound, agency: Self.code, documentCreatedAt: Date(),
                at: Date())
        ])
        #expect(Self.text(first, nil).contains("lienthong_retries_total"))
        #expect(!Self.text(second, nil).contains("lienthong_retries_total"))
    }
}
