import Foundation
import Testing

@testable import SystemSupport

/// ``ReceiptFile``: one receipt, several writers (the filer, request lines, statuses from recipients).
@Suite struct ReceiptFileTests {
    /// Errors thrown on worker threads, checked once they are done.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [String] = []
        func add(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
        var all: [String] { lock.withLock { errors } }
    }

    static func appendStatus(_ line: String, to receipt: ReceiptFile) throws {
        try receipt.update { contents in
            contents.text = (contents.text ?? "") + line + "\n"
            guard var object = contents.json else { return }
            object["statuses"] = (object["statuses"] as? [Any] ?? []) + [["status": line]]
            contents.json = object
        }
    }

    static func appendRequest(_ id: Int, to receipt: ReceiptFile) throws {
        try receipt.update { contents in
            contents.text = (contents.text ?? "") + "request #\(id) sent\n"
            guard var object = contents.json else { return }
            object["requests"] = (object["requests"] as? [Any] ?? []) + [["id": id]]
            contents.json = object
        }
    }

    /// Each thread opens the folder's lock on its own, exactly as another process would.
    @Test func concurrentStatusesAndRequestLinesAreAllKeptInTextAndJSON() throws {
        try TemporaryDirectory.with { directory in
            let receipt = ReceiptFile(besides: directory.file("Công văn.pdf"))
            try receipt.write(text: "ĐÃ GỬI / SENT\n", json: ["statuses": [Any]()])
            let writers = 6
            let perWriter = 20
            let failures = Failures()
            DispatchQueue.concurrentPerform(iterations: writers + 1) { writer in
                for index in 0..<perWriter {
                    do {
                        if writer == writers {
                            try Self.appendRequest(index, to: receipt)
                        } else {
                            try Self.appendStatus("status 0\(writer % 6 + 1) #\(writer)-\(index)", to: receipt)
                        }
                    } catch {
                        failures.add(error)
                    }
                }
            }
            #expect(failures.all.isEmpty, "\(failures.all)")

            let text = try String(contentsOfFile: receipt.textPath, encoding: .utf8)
            let lines = text.split(separator: "\n")
            #expect(lines.first == "ĐÃ GỬI / SENT")
            #expect(lines.filter { $0.hasPrefix("status ") }.count == writers * perWriter, "lost status lines")
            #expect(lines.filter { $0.hasPrefix("request #") }.count == perWriter, "lost request lines")
            #expect(Set(lines).count == lines.count, "a line was written twice")
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: receipt.jsonPath)))
                    as? [String: Any])
            #expect((json["statuses"] as? [Any])?.count == writers * perWriter, "lost statuses in the JSON")
            #expect((json["requests"] as? [Any])?.count == perWriter, "lost requests in the JSON")
            let leftovers = try directory.names().filter { $0.hasPrefix(DurableFile.temporaryPrefix) }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test func anUpdateWritesOnlyTheFileThatChangedAndCreatesAMissingText() throws {
        try TemporaryDirectory.with { directory in
            let receipt = ReceiptFile(besides: directory.file("a.pdf"))
            try directory.write("a.pdf.receipt.json", #"{"statuses":[]}"#)
            let before = try FileStatus.lstat(receipt.jsonPath).inode
            try receipt.update { $0.text = ($0.text ?? "") + "status 01\n" }
            #expect(try directory.read("a.pdf.receipt.txt") == "status 01\n")
            #expect(try FileStatus.lstat(receipt.jsonPath).inode == before, "the unchanged JSON was rewritten")
            #expect(try directory.read("a.pdf.receipt.json") == #"{"statuses":[]}"#)
        }
    }

    /// Whoever reads the text and then the JSON never finds a status in the text that the JSON lacks: the JSON is
    /// in place first. Shown by a text that cannot be replaced (a folder in its place): the JSON is already new.
    /// A whole receipt does not depend on what was there: its files are written and synced before the folder's
    /// lock is taken, and only renamed under it, so filings into one folder do not wait for each other's `fsync`s.
    @Test func aWholeReceiptIsWrittenBeforeTheLockAndOnlyRenamedUnderIt() throws {
        try TemporaryDirectory.with { directory in
            let receipt = ReceiptFile(besides: directory.file("Công văn.pdf"))
            let text = "ĐÃ GỬI / SENT\n"
            let json: [String: Any] = ["status": "sent", "id": 7]
            let sizes = [Array(text.utf8).count, try ReceiptFile.encode(json).count].sorted()
            let held = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let written = DispatchSemaphore(value: 0)
            let failures = Failures()
            Thread.detachNewThread {
                do {
                    try DirectoryLock.withExclusiveLock(on: directory.path) {
                        held.signal()
                        _ = release.wait(timeout: .now() + 30)
                    }
                } catch {
                    failures.add(error)
                }
            }
            #expect(held.wait(timeout: .now() + 30) == .success)
            Thread.detachNewThread {
                do { try receipt.write(text: text, json: ["status": "sent", "id": 7]) } catch { failures.add(error) }
                written.signal()
            }
            let deadline = Date().addingTimeInterval(30)
            while Self.temporarySizes(in: directory.path) != sizes, Date() < deadline { usleep(1000) }
            #expect(Self.temporarySizes(in: directory.path) == sizes, "both files written while the folder is locked")
            #expect(!FileManager.default.fileExists(atPath: receipt.textPath))
            #expect(!FileManager.default.fileExists(atPath: receipt.jsonPath))
            release.signal()
            #expect(written.wait(timeout: .now() + 30) == .success)
            #expect(try String(contentsOfFile: receipt.textPath, encoding: .utf8) == text)
            #expect(try Array(Data(contentsOf: URL(fileURLWithPath: receipt.jsonPath))) == ReceiptFile.encode(json))
            #expect(Self.temporarySizes(in: directory.path).isEmpty)
            #expect(failures.all.isEmpty)
        }
    }

    /// The sizes of lienthong's temporary files in `folder`, smallest first.
    static func temporarySizes(in folder: String) -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasPrefix(DurableFile.temporaryPrefix) }.compactMap { name in
            (try? FileManager.default.attributesOfItem(atPath: folder + "/" + name))?[.size] as? Int
        }.sorted()
    }

    @Test func theJSONIsInPlaceBeforeTheText() throws {
        try TemporaryDirectory.with { directory in
            let receipt = ReceiptFile(besides: directory.file("a.pdf"))
            try FileManager.default.createDirectory(atPath: receipt.textPath, withIntermediateDirectories: false)
            #expect(throws: SystemError.self) {
                try receipt.write(text: "status 01\n", json: ["statuses": [["status": "01"]]])
            }
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: receipt.jsonPath)))
            #expect(((json as? [String: Any])?["statuses"] as? [Any])?.count == 1, "\(json)")
            let leftovers = try directory.names().filter { $0.hasPrefix(DurableFile.temporaryPrefix) }
            #expect(leftovers.isEmpty, "\(leftovers)")
        }
    }

    @Test func aReceiptReplacedByASymbolicLinkIsNeitherReadNorWritten() throws {
        try TemporaryDirectory.with { directory in
            let secret = try directory.write("secret", "do not copy me")
            let receipt = ReceiptFile(besides: directory.file("a.pdf"))
            try FileManager.default.createSymbolicLink(atPath: receipt.textPath, withDestinationPath: secret)
            let error = #expect(throws: ReceiptFileError.self) {
                try receipt.update { $0.text = ($0.text ?? "") + "status 01\n" }
            }
            #expect(error?.description.contains("not an ordinary file") == true, "\(String(describing: error))")
            #expect(try FileManager.default.destinationOfSymbolicLink(atPath: receipt.textPath) == secret)
            #expect(try directory.read("secret") == "do not copy me")
        }
    }

    @Test func theLockIsHeldUntilTheBodyReturnsAndReleasedWhenItThrows() throws {
        struct Stop: Error {}
        try TemporaryDirectory.with { directory in
            #expect(throws: Stop.self) { try DirectoryLock.withExclusiveLock(on: directory.path) { throw Stop() } }
            // A lock left behind would make this wait forever; a second descriptor takes it at once.
            let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY)
            defer { close(descriptor) }
            #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
            flock(descriptor, LOCK_UN)
            try DirectoryLock.withExclusiveLock(on: directory.path) {
                let other = open(directory.path, O_RDONLY | O_DIRECTORY)
                defer { close(other) }
                #expect(flock(other, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK, "the lock is not held")
            }
        }
    }
}

/// The fallback of ``DirectoryLock`` where `flock` is refused: one mutex per path inside the process.
@Suite struct ProcessLocksTests {
    @Test func theErrorsOfFilesystemsWithoutLocksAreTheOnesThatFallBack() {
        #expect(DirectoryLock.unsupportedErrors.contains(ENOLCK))
        #expect(DirectoryLock.unsupportedErrors.contains(EOPNOTSUPP))
        #expect(!DirectoryLock.unsupportedErrors.contains(EACCES))
    }

    @Test func holdersOfOnePathExcludeEachOther() async {
        let locks = ProcessLocks()
        let counter = UnsafeCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<200 {
                        locks.withLock(on: "/srv/sent/2026-11-25") { counter.incrementSlowly() }
                    }
                }
            }
        }
        #expect(counter.value == 1_600)
    }
}

/// A counter whose increment is a non-atomic read, pause, write: lost updates show when two run at once.
private final class UnsafeCounter: @unchecked Sendable {
    private(set) var value = 0

    func incrementSlowly() {
        let read = value
        for _ in 0..<50 { _ = read.hashValue }
        value = read + 1
    }
}
