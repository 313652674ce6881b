import Config
import Foundation
import Testing

@testable import FolderWatch

/// A folder that holds files but no `document.meta.yaml` sends nothing; once it has been quiet for ten settle times
/// the watcher says so, once, naming the folder and both readings (a misspelt code, a document folder missing its
/// metadata file), and lists it for `lienthong status`.
@Suite struct WaitingFolderTests {
    typealias Instant = ContinuousClock.Instant

    func snapshot(_ path: String, _ components: [String], fingerprint: UInt64) -> DocumentFolderSnapshot {
        DocumentFolderSnapshot(
            path: path, components: components, totalSize: 1, newestModification: .init(seconds: 0, nanoseconds: 0),
            fingerprint: fingerprint, device: 1, inode: 1)
    }

    @Test func aWaitingFolderIsDueOnlyAfterItsPatienceAndThenOnlyOnce() {
        var waiting = WaitingFolders(patience: .seconds(10))
        let start = ContinuousClock.now
        waiting.observe(snapshot("/o/CV1", ["CV1"], fingerprint: 1), at: start)
        #expect(waiting.takeDue(at: start + .seconds(9)).isEmpty)
        let due = waiting.takeDue(at: start + .seconds(10))
        #expect(due.map(\.path) == ["/o/CV1"])
        #expect(due.map(\.components) == [["CV1"]])
        #expect(waiting.takeDue(at: start + .seconds(100)).isEmpty)
        #expect(waiting.reportedPaths == ["/o/CV1"])
    }

    @Test func aChangeRestartsTheQuietPeriodButAReportedFolderStaysReported() {
        var waiting = WaitingFolders(patience: .seconds(10))
        let start = ContinuousClock.now
        waiting.observe(snapshot("/o/CV1", ["CV1"], fingerprint: 1), at: start)
        waiting.observe(snapshot("/o/CV1", ["CV1"], fingerprint: 1), at: start + .seconds(5))  // Same contents.
        waiting.observe(snapshot("/o/CV2", ["CV2"], fingerprint: 7), at: start)
        waiting.observe(snapshot("/o/CV2", ["CV2"], fingerprint: 8), at: start + .seconds(6))  // A file arrived.
        #expect(waiting.takeDue(at: start + .seconds(10)).map(\.path) == ["/o/CV1"])
        #expect(waiting.takeDue(at: start + .seconds(16)).map(\.path) == ["/o/CV2"])
        waiting.observe(snapshot("/o/CV1", ["CV1"], fingerprint: 2), at: start + .seconds(20))
        #expect(waiting.takeDue(at: start + .seconds(60)).isEmpty)
        waiting.forgetAll(except: ["/o/CV2"])
        #expect(waiting.reportedPaths == ["/o/CV2"])
        waiting.forget(path: "/o/CV2")
        #expect(waiting.reportedPaths.isEmpty)
    }

    @Test func theWarningNamesBothReadingsForATopLevelFolderAndTheRecipientForAnInnerOne() {
        let waiting = WaitingFolders(patience: .seconds(30))
        let top = waiting.warning(path: "/o/000.00.00.H2b", components: ["000.00.00.H2b"])
        #expect(top.hasPrefix("/o/000.00.00.H2b: "))
        #expect(top.contains("more than 30 s without document.meta.yaml"))
        #expect(top.contains("recipient code") && top.contains("misspelt") && top.contains("agencies[].routes"))
        #expect(top.contains("add document.meta.yaml"))
        let inner = waiting.warning(path: "/o/000.00.00.H26/CV9", components: ["000.00.00.H26", "CV9"])
        #expect(inner.contains("\"CV9\" in the recipient folder \"000.00.00.H26\""))
        #expect(!inner.contains("misspelt"))
    }

    func warnedAboutAWaitingFolderOnce(mode: WatchMode) async throws {
        try await TemporaryDirectory.with { directory in
            let folder = WatchedFolder(
                root: directory.path, mode: mode, settleTime: .milliseconds(100), pollInterval: .milliseconds(100),
                reconciliationInterval: .seconds(60), maxDepth: 2,
                documentFolders: DocumentFolderRule(looksLikeCode: AgencyCodeShape.isPlausible))
            let diagnostics = Collector<WatchDiagnostic>()
            let watcher = FolderWatcher(folder: folder) { diagnostics.append($0) }
            let ready = Collector<ReadyFile>()
            let consuming = Task { for await file in watcher.readyFiles() { ready.append(file) } }
            let running = Task { try await watcher.run() }
            defer { running.cancel() }
            try await Task.sleep(for: .milliseconds(50))
            let waitingPath = directory.file("Công văn 126")
            let warnings = {
                diagnostics.all.filter { $0.level == .warning && $0.message.contains("document.meta.yaml") }
            }

            try directory.write("Công văn 126/a.pdf", "%PDF a")
            try directory.write("000.00.00.H26/x.pdf", "x")  // A recipient folder: sent, never reported.
            try directory.write("Nháp/~$a.docx", "lock")  // Only a temp file: nothing to report.
            try directory.write("000.00.00.H26/CV9/z.pdf", "z")  // A document folder in a recipient folder.
            try await Task.sleep(for: .milliseconds(600))
            #expect(warnings().isEmpty, "reported before ten settle times: \(warnings())")

            #expect(await diagnostics.wait { _ in warnings().count == 2 })
            try await Task.sleep(for: .milliseconds(1500))
            let reported = warnings()
            #expect(reported.count == 2, "\(reported)")
            #expect(
                Set(reported.compactMap(\.path)) == [waitingPath, directory.file("000.00.00.H26/CV9")], "\(reported)")
            #expect(reported.contains { $0.message.contains("misspelt") })
            #expect(await watcher.waitingFolders == [directory.file("000.00.00.H26/CV9"), waitingPath])
            #expect(ready.all.map(\.path) == [directory.file("000.00.00.H26/x.pdf")])

            try directory.write("Công văn 126/document.meta.yaml", "so: 126")
            #expect(await ready.wait { $0.contains { $0.path == waitingPath && $0.kind == .documentFolder } })
            #expect(await watcher.waitingFolders == [directory.file("000.00.00.H26/CV9")])
            running.cancel()
            try await running.value
            await consuming.value
        }
    }

    @Test func inotifyModeReportsAFolderWithoutMetadataOnceAfterTenSettleTimes() async throws {
        try await warnedAboutAWaitingFolderOnce(mode: .inotify)
    }

    @Test func pollModeReportsAFolderWithoutMetadataOnceAfterTenSettleTimes() async throws {
        try await warnedAboutAWaitingFolderOnce(mode: .poll)
    }
}
