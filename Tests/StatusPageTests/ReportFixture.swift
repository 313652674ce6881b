import Foundation

@testable import Daemon

/// Status reports built in code, as the daemon would gather them.
enum ReportFixture {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static let code = "000.00.00.H41"

    static func agency(
        waiting: [String: Int] = [:], ended: [String: Int] = [:], needsAPerson: Int = 0,
        name: String = "UBND tỉnh Nghệ An"
    ) -> StatusReport.Agency {
        StatusReport.Agency(
            code: code, name: name, outboxWatch: "inotify", lastSuccessfulPoll: now.addingTimeInterval(-5),
            axisUnreachableSince: nil, lastPollError: nil, outboundProblem: nil, inboundProblem: nil,
            waitingFolders: [], waiting: waiting, needsAPerson: needsAPerson,
            oldestWaitingSince: waiting.isEmpty ? nil : now.addingTimeInterval(-120), ended: ended)
    }

    static func document(
        id: Int64, direction: String = "outbound", fileName: String, state: String, reason: String? = nil
    ) -> StatusReport.Document {
        StatusReport.Document(
            id: id, direction: direction, agency: code, fileName: fileName, state: state,
            since: now.addingTimeInterval(-120), updatedAt: now.addingTimeInterval(-60), attempts: 0,
            nextAttemptAt: nil, reason: reason, location: nil)
    }

    static func report(
        agencies: [StatusReport.Agency] = [agency()], waiting: [StatusReport.Document] = [],
        needsAPerson: [StatusReport.Document] = [], recent: [StatusReport.Document] = [],
        signingKey: StatusReport.SigningKey = .init(kind: "file", tokenPresent: nil)
    ) -> StatusReport {
        StatusReport(
            generatedAt: now,
            daemon: .init(
                state: .running, pid: 4242, startedAt: now.addingTimeInterval(-3600), lastSeen: now,
                axisEndpoint: "https://axis.example.gov.vn/", liveStatusStale: false),
            disks: [.init(path: "/var/lib/lienthong", availableBytes: 5 * 1024 * 1024 * 1024, full: false)],
            agencies: agencies, waitingNow: [:], lifetime: [:], waiting: waiting, needsAPerson: needsAPerson,
            recentErrors: [], recent: recent, signingKey: signingKey)
    }
}
