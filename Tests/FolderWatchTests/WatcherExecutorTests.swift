import Foundation
import SystemSupport
import Testing

@testable import FolderWatch

/// The watcher's blocking scans run on its own queue, not on the cooperative threads the pipelines share.
@Suite struct WatcherExecutorTests {
    @Test func theWatcherRunsOnItsOwnQueueAlsoAfterSuspending() async throws {
        try await TemporaryDirectory.with { directory in
            let watcher = FolderWatcher(
                folder: WatchedFolder(
                    root: directory.path, mode: .poll, settleTime: .milliseconds(50), pollInterval: .milliseconds(20)))
            #expect(await watcher.runsOnOwnQueue)
            let running = Task { try await watcher.run() }
            try await Task.sleep(for: .milliseconds(100))
            await watcher.rescanNow()
            #expect(await watcher.runsOnOwnQueue)
            running.cancel()
            try await running.value
        }
    }

    @Test func anActorOnTheExecutorIsOnItsQueueAndOtherCodeIsNot() async throws {
        let probe = Probe()
        #expect(await probe.onQueue())
        #expect(!probe.executor.isCurrent)
    }

    private actor Probe {
        nonisolated let executor = DispatchQueueExecutor(label: "test")
        nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

        func onQueue() async -> Bool {
            let before = executor.isCurrent
            try? await Task.sleep(for: .milliseconds(5))
            return before && executor.isCurrent
        }
    }
}
