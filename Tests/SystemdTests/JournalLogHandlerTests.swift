import Foundation
import Glibc
import Logging
import Testing

@testable import Systemd

@Suite("JournalLogHandler")
struct JournalLogHandlerTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "disk full" }
    }

    @Test("event metadata overrides provider metadata, which overrides handler metadata; errors are logged")
    func mergesMetadata() throws {
        let output = CapturingOutput()
        let provider = Logger.MetadataProvider { ["agency": "from-provider", "run": "7"] }
        var logger = makeLogger(label: "", output: output, metadataProvider: provider)
        logger[metadataKey: "agency"] = "from-handler"
        logger[metadataKey: "doc_id"] = "1"
        logger.error("write failed", error: Failure(), metadata: ["doc_id": "2"])
        #expect(output.lines() == ["<3>write failed DOC_ID=2 AGENCY=from-provider error=\"disk full\" run=7"])
    }

    @Test("records below the handler's level are not written")
    func respectsLevel() {
        let output = CapturingOutput()
        let logger = makeLogger(label: "", level: .notice, output: output)
        logger.info("hidden")
        logger.notice("shown")
        #expect(output.lines() == ["<5>shown"])
    }

    @Test("journal output is chosen only when JOURNAL_STREAM names stderr's device and inode")
    func detectsJournal() {
        let identity = FileIdentity(device: 25, inode: 4711)
        #expect(
            LogDestination.detect(
                environment: ["JOURNAL_STREAM": "25:4711"], standardErrorIdentity: identity,
                standardErrorIsTerminal: false) == .journal)
        #expect(
            LogDestination.detect(
                environment: ["JOURNAL_STREAM": "25:4712"], standardErrorIdentity: identity,
                standardErrorIsTerminal: true) == .standardError(.terminal))
        #expect(
            LogDestination.detect(
                environment: ["JOURNAL_STREAM": "garbage"], standardErrorIdentity: identity,
                standardErrorIsTerminal: false) == .standardError(.priorityPrefixed))
        #expect(
            LogDestination.detect(environment: [:], standardErrorIdentity: identity, standardErrorIsTerminal: true)
                == .standardError(.terminal))
        #expect(
            LogDestination.detect(environment: [:], standardErrorIdentity: nil, standardErrorIsTerminal: false)
                == .standardError(.priorityPrefixed))
    }

    @Test("a file's identity from fstat matches the JOURNAL_STREAM form of its device and inode")
    func fileIdentityFromDescriptor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("stream")
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let identity = try #require(FileIdentity(descriptor: fd))
        var status = stat()
        #expect(stat(path, &status) == 0)
        #expect(FileIdentity(journalStream: "\(status.st_dev):\(status.st_ino)") == identity)
    }

    @Test("lines written from many threads at once never interleave, even past PIPE_BUF")
    func concurrentLinesStayWhole() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("stderr.log")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        defer { close(fd) }
        let output = StandardErrorOutput(format: .priorityPrefixed, descriptor: fd)
        let threads = 8
        let perThread = 50
        let filler = String(repeating: "x", count: 6_000)
        await withTaskGroup(of: Void.self) { group in
            for thread in 0..<threads {
                group.addTask {
                    for index in 0..<perThread {
                        output.write(
                            LogRecord(level: .info, label: "", message: "t\(thread)-\(index) \(filler)", metadata: [:]))
                    }
                }
            }
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == threads * perThread)
        let heads = lines.compactMap { line -> Substring? in
            guard let space = line.firstIndex(of: " "), line[line.index(after: space)...] == filler else { return nil }
            return line[..<space]
        }
        #expect(heads.count == threads * perThread)
        #expect(Set(heads).count == threads * perThread)
        #expect(heads.allSatisfy { $0.hasPrefix("<6>t") })
    }
}
