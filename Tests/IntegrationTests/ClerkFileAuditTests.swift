import Foundation
import Testing

/// Every plain-text file lienthong writes for clerks, produced on the real binaries in one scenario (a document that
/// waits for the axis and is then sent, answered and receipted; one the axis refuses; one without its number; one
/// quarantined at the recipient), then read as a clerk would: no path of the server in any of them, Vietnamese
/// first, and no English sentence inside a Vietnamese paragraph.
@Suite(.serialized) struct ClerkFileAuditTests {
    static let a = TwoAgencies.codeA
    static let b = TwoAgencies.codeB

    /// Letters only Vietnamese uses among the languages of these files (ASCII English has none of them).
    static func hasVietnameseLetter(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { (0xC0...0x1EF9).contains($0.value) }
    }

    /// Words that give an English sentence away.
    static let englishWords = [" the ", " is ", " not ", " cannot ", " was ", "Not sent", " file ", " from "]

    /// Where the English version begins in the files written as a Vietnamese paragraph, then an English one.
    static let englishStarts = [
        "Document: ", "A received document was quarantined", "DOCUMENTS WAITING TO BE SENT", "This status was NOT sent",
    ]

    /// Every problem of one clerk file; empty when it reads right.
    static func problems(in text: String, named name: String, serverPaths: [String]) -> [String] {
        var found: [String] = []
        for path in serverPaths + ["/spool/", "/var/lib/lienthong", "state.db"] where text.contains(path) {
            found.append("\(name) names a path of the server (\(path))")
        }
        let lines = text.split(separator: "\n").map(String.init)
        if let first = lines.first(where: { $0.contains { $0.isLetter } }), !hasVietnameseLetter(first) {
            found.append("\(name) does not begin in Vietnamese: \(first)")
        }
        if let start = englishStarts.compactMap({ text.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            // Quoted text (file names, the axis's own words) is the clerk's or the axis's, not a sentence of ours.
            let vietnamese = text[..<start.lowerBound].replacing(/"[^"\n]*"/, with: "\"…\"")
            for word in englishWords where vietnamese.contains(word) {
                found.append("\(name): English (\(word)) in the Vietnamese paragraph:\n\(vietnamese)")
            }
            if !hasVietnameseLetter(vietnamese) { found.append("\(name): no Vietnamese before the English") }
        }
        for line in lines where line.contains(" / ") {
            let before = line.components(separatedBy: " / ")[0]
            if before.contains(where: \.isLetter), !hasVietnameseLetter(before) {
                found.append("\(name): English before the Vietnamese on the line: \(line)")
            }
        }
        return found
    }

    /// The clerk's plain-text files under a share: everything ending in `.txt`.
    static func clerkFiles(_ world: TwoAgencies, of code: String) -> [String: String] {
        let share = world.share(code)
        var files: [String: String] = [:]
        for path in world.files(under: share) where path.hasSuffix(".txt") {
            files[path] = try? String(contentsOfFile: share + "/" + path, encoding: .utf8)
        }
        return files
    }

    /// The reader itself: it must see each fault this suite is about.
    @Test func theAuditSeesAPathEnglishInTheVietnameseParagraphAndEnglishFirst() {
        let good = "Văn bản: a.pdf\nKhông gửi được.\n\nDocument: a.pdf\nNot sent: the file is not ordinary.\n"
        #expect(Self.problems(in: good, named: "good", serverPaths: ["/tmp/x"]).isEmpty)
        let mixed = "Văn bản: a.pdf\nKhông gửi được (the file is not ordinary).\n\nDocument: a.pdf\nNot sent.\n"
        #expect(Self.problems(in: mixed, named: "mixed", serverPaths: []).count >= 1)
        let path = "Văn bản: a.pdf\nKhông gửi được.\n\nDocument: a.pdf\ncannot read /tmp/x/spool/out/1/a.pdf\n"
        #expect(Self.problems(in: path, named: "path", serverPaths: ["/tmp/x"]).count == 2)
        #expect(Self.problems(in: "SENT / ĐÃ GỬI\n", named: "order", serverPaths: []).count == 1)
        #expect(Self.problems(in: "Not sent.\n\nKhông gửi được.\n", named: "first", serverPaths: []).count == 1)
    }

    @Test func everyClerkFileIsFreeOfServerPathsAndVietnameseFirst() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        // The first sends meet an axis that answers 503: the document waits, and DANG-CHO-GUI.txt says so.
        try world.admin.addFault(#"{"method":"sendEdoc","count":4,"fault":{"kind":"http_status","status":503}}"#)
        try world.startDaemon(Self.a)
        try world.startDaemon(Self.b)
        let sentName = "61_Công văn gửi đi.pdf"
        try world.drop(TestPDF.make(note: "61"), named: sentName, into: Self.b, of: Self.a)
        var seen: [String: String] = [:]
        let notice = world.share(Self.a) + "/outbox/DANG-CHO-GUI.txt"
        #expect(
            await eventually(timeout: 30) {
                seen["outbox/DANG-CHO-GUI.txt"] = try? String(contentsOfFile: notice, encoding: .utf8)
                return seen["outbox/DANG-CHO-GUI.txt"]?.contains("đã thử") == true
            }, "no waiting notice:\n\(world.logs)")

        // Refused by the axis (an unknown recipient), and refused before sending (no number in the file name).
        try world.drop(TestPDF.make(note: "62"), named: "62_Nhầm nơi nhận.pdf", into: "000.00.00.Z99", of: Self.a)
        try world.drop(TestPDF.make(note: "no number"), named: "Tờ trình chưa số.pdf", into: Self.b, of: Self.a)

        // B answers the document it received; A's receipt gets statuses 01 and 03.
        let inbox = world.share(Self.b) + "/inbox"
        #expect(
            await eventually(timeout: 90) { world.files(under: inbox).contains { $0.hasSuffix("/" + sentName) } },
            "\(sentName) did not reach B:\n\(world.logs)")
        let id = try AnswerTests.receivedId(of: sentName, in: world)
        let answer = try AnswerTests.lienthong(world, ["answer", id, "03"])
        #expect(answer.status == 0, "\(answer.output)")
        #expect(
            await eventually(timeout: 60) {
                AnswerTests.receipt(of: sentName, in: world).contains("trạng thái 03")
                    && world.files(under: inbox).contains { $0.hasSuffix("/answers.txt") }
            }, "no status 03 in A's receipt:\n\(AnswerTests.receipt(of: sentName, in: world))\n\(world.logs)")
        let failed = world.share(Self.a) + "/failed"
        #expect(
            await eventually(timeout: 60) {
                world.files(under: failed).filter { $0.hasSuffix(".error.txt") }.count == 2
            },
            "both refusals should be in failed/: \(world.files(under: failed))\n\(world.logs)")

        // B now quarantines what carries no signature it trusts.
        world.daemons[Self.b]?.stop()
        try world.trustOnly([], at: Self.b)
        try world.editConfig(Self.b) { yaml in
            yaml.replacingOccurrences(of: "\n    folders:", with: "\n    inbound_policy: quarantine\n    folders:")
        }
        try world.startDaemon(Self.b)
        try world.drop(TestPDF.make(note: "64"), named: "64_Cách ly.pdf", into: Self.b, of: Self.a)
        let quarantine = world.share(Self.b) + "/quarantine"
        #expect(
            await eventually(timeout: 90) { world.files(under: quarantine).contains { $0.hasSuffix("/reason.txt") } },
            "nothing quarantined at B:\n\(world.files(under: world.share(Self.b)))\n\(world.logs)")

        var files = seen
        for (path, text) in Self.clerkFiles(world, of: Self.a) { files["A/" + path] = text }
        for (path, text) in Self.clerkFiles(world, of: Self.b) { files["B/" + path] = text }
        for expected in [
            ".receipt.txt", ".error.txt", "/document.txt", "/signatures.txt", "/answers.txt", "/reason.txt",
            "DANG-CHO-GUI.txt",
        ] {
            #expect(files.keys.contains { $0.hasSuffix(expected) }, "no \(expected) among \(files.keys.sorted())")
        }
        let serverPaths = [world.root, world.home(Self.a) + "/state", world.home(Self.b) + "/state"]
        for (name, text) in files.sorted(by: { $0.key < $1.key }) {
            for problem in Self.problems(in: text, named: name, serverPaths: serverPaths) {
                Issue.record("\(problem)\n--- \(name)\n\(text)")
            }
        }
    }
}
