import Foundation
import Testing

@testable import FolderWatch

@Suite struct FolderWatcherTests {
    func folder(_ root: String, mode: WatchMode) -> WatchedFolder {
        WatchedFolder(
            root: root, mode: mode, settleTime: .milliseconds(200), pollInterval: .milliseconds(100),
            reconciliationInterval: .seconds(60), maxDepth: 2)
    }

    /// Runs a watcher on `folder`, collecting what it yields while `body` runs, then cancels it.
    func running(
        _ folder: WatchedFolder, _ body: (FolderWatcher, Collector<ReadyFile>) async throws -> Void
    ) async throws {
        let watcher = FolderWatcher(folder: folder)
        let collector = Collector<ReadyFile>()
        let consuming = Task {
            for await file in watcher.readyFiles() { collector.append(file) }
        }
        let runningTask = Task { try await watcher.run() }
        try await body(watcher, collector)
        runningTask.cancel()
        try await runningTask.value
        await consuming.value  // readyFiles() finishes when run() returns.
    }

    func waitForMode(_ expected: ActiveWatchMode, of watcher: FolderWatcher) async -> Bool {
        for _ in 0..<100 {
            if await watcher.activeMode == expected { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }

    /// Drops documents (one slowly written, one moved in, one in a recipient folder) and temp files, and checks that
    /// each document is yielded exactly once, complete, and nothing else is.
    func dropsAreYieldedExactlyOnce(mode: WatchMode) async throws {
        try await TemporaryDirectory.with { directory in
            try directory.write("existing.pdf", "there before the watcher")
            try await running(folder(directory.path, mode: mode)) { watcher, collector in
                let expectedMode: ActiveWatchMode =
                    mode == .poll ? .polling(reason: "the configuration says watch: poll") : .inotify
                #expect(await waitForMode(expectedMode, of: watcher))
                try directory.write("~$a.docx", "lock")
                try directory.write("A1B2C3D4", "excel temp")
                try directory.write("upload.tmp", "temp")
                try directory.write("empty.pdf", "")
                try directory.write("000.00.00.H26/x.pdf", "for H26")
                try directory.write(".~part", "moved in")
                try directory.move(".~part", to: "moved.docx")
                let slow = try FileHandle(forWritingTo: URL(fileURLWithPath: directory.write("slow.pdf", "part 1;")))
                for part in 2...4 {
                    try await Task.sleep(for: .milliseconds(120))
                    try slow.seekToEnd()
                    try slow.write(contentsOf: Data("part \(part);".utf8))
                }
                try slow.close()

                let expected: Set = [
                    directory.file("existing.pdf"), directory.file("000.00.00.H26/x.pdf"), directory.file("moved.docx"),
                    directory.file("slow.pdf"),
                ]
                #expect(await collector.wait { Set($0.map(\.path)) == expected }, "got \(collector.all.map(\.path))")
                try await Task.sleep(for: .milliseconds(800))  // Four more settle periods: nothing is yielded twice.
                let yielded = collector.all
                #expect(yielded.count == expected.count, "got \(yielded.map(\.path))")
                let slowFile = try #require(yielded.first { $0.path == directory.file("slow.pdf") })
                #expect(slowFile.size == Int64("part 1;part 2;part 3;part 4;".utf8.count))
                let recipientFile = try #require(yielded.first { $0.path.hasSuffix("x.pdf") })
                #expect(recipientFile.relativeComponents == ["000.00.00.H26", "x.pdf"])
            }
        }
    }

    @Test func pollModeYieldsEachDroppedFileExactlyOnceAndIgnoresTempFiles() async throws {
        try await dropsAreYieldedExactlyOnce(mode: .poll)
    }

    @Test func inotifyModeYieldsEachDroppedFileExactlyOnceAndIgnoresTempFiles() async throws {
        try await dropsAreYieldedExactlyOnce(mode: .inotify)
    }

    @Test func aFileThatChangesAfterItWasYieldedIsYieldedAgain() async throws {
        try await TemporaryDirectory.with { directory in
            try await running(folder(directory.path, mode: .auto)) { _, collector in
                try directory.write("a.pdf", "v1")
                #expect(await collector.wait { $0.count == 1 })
                try directory.write("a.pdf", "version 2")
                #expect(await collector.wait { $0.count == 2 })
                #expect(collector.all.map(\.size) == [2, 9])
            }
        }
    }

    /// A clerk moves a file that lienthong had taken away back into the outbox, unchanged (same inode, size and
    /// mtime): the rename event alone must make it a new arrival, without waiting for a reconciliation scan.
    @Test func aFileMovedAwayAndBackUnchangedIsYieldedAgain() async throws {
        try await TemporaryDirectory.with { directory in
            let aside = directory.path + "-aside"
            try FileManager.default.createDirectory(atPath: aside, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: aside) }
            try await running(folder(directory.path, mode: .inotify)) { _, collector in
                try directory.write("a.pdf", "v1")
                #expect(await collector.wait { $0.count == 1 })
                try FileManager.default.moveItem(atPath: directory.file("a.pdf"), toPath: aside + "/a.pdf")
                try await Task.sleep(for: .milliseconds(300))
                try FileManager.default.moveItem(atPath: aside + "/a.pdf", toPath: directory.file("a.pdf"))
                #expect(await collector.wait { $0.count == 2 }, "got \(collector.all.map(\.path))")
            }
        }
    }

    /// The overflow path without provoking a kernel overflow: a rescan request finds files no event announced.
    @Test func aRescanRequestFindsFilesThatNoEventAnnounced() async throws {
        try await TemporaryDirectory.with { directory in
            let watcher = FolderWatcher(folder: folder(directory.path, mode: .inotify))
            let missed = try directory.write("missed.pdf", "x")
            try directory.write("H26/also-missed.pdf", "y")
            #expect(await watcher.trackedPaths.isEmpty)
            await watcher.handle(.rescanNeeded(.queueOverflow))
            #expect(await watcher.trackedPaths == [directory.file("H26/also-missed.pdf"), missed])
        }
    }

    /// The loop wakes when the next file's quiet period ends, not at the next housekeeping tick: a file dropped
    /// just after a tick used to wait up to a fifth of the settle time more (a second with the default settle).
    @Test func theLoopWakesWhenAQuietPeriodEndsNotAtTheNextTick() async throws {
        try await TemporaryDirectory.with { directory in
            let settle = Duration.seconds(2)
            let watcher = FolderWatcher(
                folder: WatchedFolder(
                    root: directory.path, mode: .inotify, settleTime: settle, pollInterval: .seconds(10),
                    reconciliationInterval: .seconds(60), maxDepth: 2))
            let housekeeping = await watcher.housekeepingInterval
            #expect(housekeeping == .milliseconds(400))
            let idle = ContinuousClock.now
            #expect(await watcher.nextWake(after: idle) == idle + housekeeping, "nothing tracked: housekeeping only")

            try directory.write("a.pdf", "x")
            let before = ContinuousClock.now
            await watcher.rescanNow()
            let after = ContinuousClock.now
            // Early in the quiet period the housekeeping tick comes first.
            #expect(await watcher.nextWake(after: after) == after + housekeeping)
            // Near its end, the loop wakes exactly when it ends.
            let wake = await watcher.nextWake(after: after + .milliseconds(1_800))
            #expect(wake >= before + settle && wake <= after + settle, "woke at \(wake), settled \(before + settle)")
            // Past its end (a loop running late), at once, but never in a busy loop.
            let late = after + .seconds(5)
            #expect(await watcher.nextWake(after: late) == late + FolderWatcher.wakeResolution)
        }
    }

    @Test func aPlantedSymbolicLinkIsReportedOnceAndNeverYielded() async throws {
        try await TemporaryDirectory.with { directory in
            let target = try directory.write("../outside-\(UUID().uuidString).pdf", "secret")
            defer { try? FileManager.default.removeItem(atPath: target) }
            try FileManager.default.createSymbolicLink(atPath: directory.file("link.pdf"), withDestinationPath: target)
            let diagnostics = Collector<WatchDiagnostic>()
            let watcher = FolderWatcher(folder: folder(directory.path, mode: .poll)) { diagnostics.append($0) }
            await watcher.rescanNow()
            await watcher.rescanNow()
            let warnings = diagnostics.all.filter { $0.path == directory.file("link.pdf") }
            #expect(warnings.count == 1)
            #expect(warnings.first?.message.contains("symbolic link") == true)
            #expect(await watcher.trackedPaths.isEmpty)
        }
    }

    @Test func aMissingFolderFallsBackToPollingAndSaysWhy() async throws {
        try await TemporaryDirectory.with { directory in
            let diagnostics = Collector<WatchDiagnostic>()
            let watcher = FolderWatcher(folder: folder(directory.file("outbox"), mode: .auto)) {
                diagnostics.append($0)
            }
            let runningTask = Task { try await watcher.run() }
            let sawError = await diagnostics.wait { $0.contains { $0.level == .error } }
            #expect(sawError, "diagnostics: \(diagnostics.all)")
            guard case .polling(let reason) = await watcher.activeMode else {
                Issue.record("expected polling")
                runningTask.cancel()
                return
            }
            #expect(reason.contains("outbox"))
            runningTask.cancel()
            try await runningTask.value
        }
    }
}
