import Foundation
import Testing

@testable import FolderWatch

@Suite struct InotifyWatcherTests {
    /// Starts a watcher on `root`, collects its events while `body` runs, and stops it.
    func watching(
        _ root: String, maxDepth: Int = 3,
        _ body: (InotifyWatcher, Collector<WatchEvent>) async throws -> Void
    ) async throws {
        let watcher = InotifyWatcher(root: root, maxDepth: maxDepth)
        try watcher.start()
        let collector = Collector<WatchEvent>()
        let reading = Task {
            for await event in watcher.events { collector.append(event) }
        }
        try await body(watcher, collector)
        watcher.stop()
        await reading.value  // The stream finishes once the reader thread has stopped.
    }

    static func changedFiles(_ events: [WatchEvent]) -> Set<String> {
        Set(events.compactMap { if case .fileChanged(let path) = $0 { path } else { nil } })
    }

    @Test func closeWriteAndMovedToAreReported() async throws {
        try await TemporaryDirectory.with { directory in
            try await watching(directory.path) { _, collector in
                let written = try directory.write("a.pdf", "x")
                let hidden = try directory.write(".~draft", "y")
                try directory.move(".~draft", to: "b.pdf")
                _ = hidden
                let seen = await collector.wait {
                    Self.changedFiles($0).isSuperset(of: [written, directory.file("b.pdf")])
                }
                #expect(seen, "events: \(collector.all)")
            }
        }
    }

    @Test func filesInExistingSubdirectoriesAreReported() async throws {
        try await TemporaryDirectory.with { directory in
            try FileManager.default.createDirectory(atPath: directory.file("H26"), withIntermediateDirectories: true)
            try await watching(directory.path) { watcher, collector in
                #expect(watcher.initialWatchCount == 2)
                let written = try directory.write("H26/a.pdf", "x")
                #expect(await collector.wait { Self.changedFiles($0).contains(written) })
            }
        }
    }

    /// reliability.md: `mkdir -p a/b/c` + write, repeated, was seen 84 times in 500 without the rule "add the
    /// watch, then scan the new directory".
    @Test func everyFileOfTwoHundredNestedBurstsIsReported() async throws {
        try await TemporaryDirectory.with { directory in
            try await watching(directory.path, maxDepth: 5) { _, collector in
                var expected: Set<String> = []
                for burst in 0..<200 {
                    expected.insert(try directory.write("burst-\(burst)/a/b/c/f.txt", "burst \(burst)"))
                }
                let seen = await collector.wait(timeout: .seconds(10)) {
                    Self.changedFiles($0).isSuperset(of: expected)
                }
                #expect(seen, "missing \(expected.subtracting(Self.changedFiles(collector.all)).count) of 200")
            }
        }
    }

    @Test func deletingTheRootAsksForARescan() async throws {
        try await TemporaryDirectory.with { directory in
            let root = directory.file("outbox")
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try await watching(root) { _, collector in
                try FileManager.default.removeItem(atPath: root)
                #expect(await collector.wait { $0.contains(.rescanNeeded(.rootWatchLost(root))) })
            }
        }
    }

    @Test func aMissingRootIsATypedErrorSoTheCallerCanPoll() async throws {
        try await TemporaryDirectory.with { directory in
            let watcher = InotifyWatcher(root: directory.file("missing"))
            #expect {
                try watcher.start()
            } throws: { error in
                guard case .rootUnavailable(let systemError) = error as? InotifyError else { return false }
                return systemError.isNotFound
            }
        }
    }

    @Test func theWatchLimitMessageNamesTheSysctlAndIsNotAboutDiskSpace() {
        let message = InotifyError.watchLimitReached(path: "/srv/a/outbox").description
        #expect(message.contains("fs.inotify.max_user_watches"))
        #expect(message.contains("not a full disk"))
        #expect(RescanReason.watchLimitReached(path: "/x").requiresNewWatcher)
    }

    @Test func stoppingFinishesTheEventStreamEvenWithoutEvents() async throws {
        try await TemporaryDirectory.with { directory in
            let watcher = InotifyWatcher(root: directory.path)
            try watcher.start()
            watcher.stop()
            var count = 0
            for await _ in watcher.events { count += 1 }
            #expect(count == 0)
        }
    }
}
