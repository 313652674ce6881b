import Config
import Foundation
import Testing

@testable import FolderWatch

/// Document folders: a folder with `document.meta.yaml` is one document, handed out whole once it and every file in
/// it are quiet; its files are never handed out alone, and a folder without its metadata file waits.
@Suite struct DocumentFolderWatchTests {
    func folder(_ root: String, mode: WatchMode, routes: Set<String> = []) -> WatchedFolder {
        WatchedFolder(
            root: root, mode: mode, settleTime: .milliseconds(200), pollInterval: .milliseconds(100),
            reconciliationInterval: .seconds(60), maxDepth: 2,
            documentFolders: DocumentFolderRule(routeNames: routes, looksLikeCode: AgencyCodeShape.isPlausible))
    }

    func running(
        _ folder: WatchedFolder, _ body: (Collector<ReadyFile>) async throws -> Void
    ) async throws {
        let watcher = FolderWatcher(folder: folder)
        let collector = Collector<ReadyFile>()
        let consuming = Task {
            for await file in watcher.readyFiles() { collector.append(file) }
        }
        let runningTask = Task { try await watcher.run() }
        try await Task.sleep(for: .milliseconds(50))
        try await body(collector)
        runningTask.cancel()
        try await runningTask.value
        await consuming.value
    }

    func folderIsYieldedWholeOnlyAfterItsMetadataFile(mode: WatchMode) async throws {
        try await TemporaryDirectory.with { directory in
            try await running(folder(directory.path, mode: mode)) { collector in
                try directory.write("000.00.00.H26/CV125/a.pdf", "%PDF a")
                try directory.write("000.00.00.H26/CV125/b.odt", "odt b")
                try directory.write("Công văn 126/c.pdf", "%PDF c")
                try await Task.sleep(for: .milliseconds(900))  // Four settle periods without a metadata file.
                #expect(collector.all.isEmpty, "got \(collector.all.map(\.path))")

                try directory.write("000.00.00.H26/CV125/document.meta.yaml", "so: 125")
                #expect(await collector.wait { !$0.isEmpty })
                try await Task.sleep(for: .milliseconds(600))
                let yielded = collector.all
                #expect(yielded.count == 1, "got \(yielded.map(\.path))")
                let ready = try #require(yielded.first)
                #expect(ready.kind == .documentFolder)
                #expect(ready.path == directory.file("000.00.00.H26/CV125"))
                #expect(ready.relativeComponents == ["000.00.00.H26", "CV125"])
                #expect(ready.size == Int64("%PDF a".utf8.count + "odt b".utf8.count + "so: 125".utf8.count))
            }
        }
    }

    @Test func pollModeYieldsAFolderWholeOnlyAfterItsMetadataFileAndNeverItsFilesAlone() async throws {
        try await folderIsYieldedWholeOnlyAfterItsMetadataFile(mode: .poll)
    }

    @Test func inotifyModeYieldsAFolderWholeOnlyAfterItsMetadataFileAndNeverItsFilesAlone() async throws {
        try await folderIsYieldedWholeOnlyAfterItsMetadataFile(mode: .inotify)
    }

    /// The metadata file is there first, but a file is still being copied slowly: the folder waits for it.
    @Test func aFolderStillBeingCopiedWaitsUntilEveryFileIsQuiet() async throws {
        try await TemporaryDirectory.with { directory in
            try await running(folder(directory.path, mode: .inotify)) { collector in
                try directory.write("CV125/document.meta.yaml", "so: 125")
                let slow = try FileHandle(
                    forWritingTo: URL(fileURLWithPath: directory.write("CV125/big.pdf", "part 1;")))
                for part in 2...6 {
                    try await Task.sleep(for: .milliseconds(120))
                    #expect(collector.all.isEmpty, "yielded while part \(part - 1) was the last written")
                    try slow.seekToEnd()
                    try slow.write(contentsOf: Data("part \(part);".utf8))
                }
                try slow.close()
                #expect(await collector.wait { !$0.isEmpty })
                let ready = try #require(collector.all.first)
                #expect(ready.kind == .documentFolder)
                #expect(ready.relativeComponents == ["CV125"])
                let expected = "so: 125".utf8.count + (1...6).map { "part \($0);".utf8.count }.reduce(0, +)
                #expect(ready.size == Int64(expected))
            }
        }
    }

    /// Office lock and temp files inside a folder are not attachments: they neither delay it nor make it change.
    @Test func tempFilesInsideAFolderAreIgnored() async throws {
        try await TemporaryDirectory.with { directory in
            try await running(folder(directory.path, mode: .poll)) { collector in
                try directory.write("Báo cáo/a.docx", "docx")
                try directory.write("Báo cáo/document.meta.yaml", "so: 1")
                for round in 0..<12 {
                    try directory.write("Báo cáo/~$a.docx", "lock \(round)")
                    try directory.write("Báo cáo/save\(round).tmp", "temp")
                    try await Task.sleep(for: .milliseconds(60))
                }
                #expect(collector.all.count == 1, "got \(collector.all.map(\.path))")
                let ready = try #require(collector.all.first)
                #expect(ready.size == Int64("docx".utf8.count + "so: 1".utf8.count))
            }
        }
    }

    /// A recipient folder's own files are single documents, its sub-folders are document folders, and a route folder
    /// is a recipient folder too.
    @Test func recipientAndRouteFoldersStillSendTheirFilesOneByOne() async throws {
        try await TemporaryDirectory.with { directory in
            try await running(folder(directory.path, mode: .inotify, routes: ["sở nội vụ"])) { collector in
                try directory.write("000.00.00.H26/x.pdf", "x")
                try directory.write("sở nội vụ/y.pdf", "y")
                try directory.write("000.00.00.H26/CV9/z.pdf", "z")
                #expect(await collector.wait { $0.count == 2 })
                try await Task.sleep(for: .milliseconds(500))
                let expected: Set = [directory.file("000.00.00.H26/x.pdf"), directory.file("sở nội vụ/y.pdf")]
                #expect(Set(collector.all.map(\.path)) == expected)
                #expect(collector.all.allSatisfy { $0.kind == .file })
            }
        }
    }

    @Test func placementOfFilesFollowsTheRule() {
        let rule = DocumentFolderRule(routeNames: ["so-noi-vu"], looksLikeCode: AgencyCodeShape.isPlausible)
        let withMetadata: Set<[String]> = [["CV125"], ["000.00.00.G22"]]
        func place(_ path: String) -> DocumentFolderRule.Placement {
            rule.placement(ofFile: path.split(separator: "/").map(String.init)) { withMetadata.contains($0) }
        }
        #expect(place("x.pdf") == .singleFile)
        #expect(place("000.00.00.H26/x.pdf") == .singleFile)
        #expect(place("so-noi-vu/x.pdf") == .singleFile)
        #expect(place("000.00.00.H26+so-noi-vu/x.pdf") == .singleFile)
        #expect(place("CV125/x.pdf") == .memberOf(folder: ["CV125"]))
        #expect(place("000.00.00.G22/x.pdf") == .memberOf(folder: ["000.00.00.G22"]))
        #expect(place("Công văn 126/x.pdf") == .memberOf(folder: ["Công văn 126"]))
        #expect(place("000.00.00.H26/CV9/x.pdf") == .memberOf(folder: ["000.00.00.H26", "CV9"]))
        #expect(place("CV125/sub/x.pdf") == .ignored)
        #expect(place("000.00.00.H26/CV9/sub/x.pdf") == .ignored)
    }

    /// A secret folder's files are single documents at once (to be refused), never a document folder that waits.
    @Test func filesInASecretFolderAreSingleDocuments() {
        let rule = DocumentFolderRule(secretFolderNames: ["MAT", "Mật"], looksLikeCode: AgencyCodeShape.isPlausible)
        func place(_ path: String) -> DocumentFolderRule.Placement {
            rule.placement(ofFile: path.split(separator: "/").map(String.init)) { _ in false }
        }
        #expect(place("MAT/x.pdf") == .singleFile)
        #expect(place("Mật".decomposedStringWithCanonicalMapping + "/x.pdf") == .singleFile)
        #expect(place("MAT/Hồ sơ/x.pdf") == .memberOf(folder: ["MAT", "Hồ sơ"]))
        #expect(place("Báo cáo/x.pdf") == .memberOf(folder: ["Báo cáo"]))
        #expect(!DocumentFolderRule(looksLikeCode: AgencyCodeShape.isPlausible).namesRecipients("MAT"))
    }
}
