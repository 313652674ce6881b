import Foundation
import Testing

/// `lienthong revoke` and `lienthong replace` on the real binaries: a document A sent is revoked or replaced, the
/// axis stores exactly one more message from A, and its edXML carries the `Bussiness` block that says so.
@Suite(.serialized) struct BusinessOperationTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    /// The stored envelopes on the axis (`<data>/envelopes/<docId>.edxml`) whose text contains `marker`.
    static func storedEnvelopes(in world: TwoAgencies, containing marker: String) -> [String] {
        let folder = world.root + "/axis/data/envelopes"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { name in
            guard let text = try? String(contentsOfFile: folder + "/" + name, encoding: .utf8), text.contains(marker)
            else { return nil }
            return text
        }
    }

    /// The `edXML DocumentId` line of `lienthong show`.
    static func edxmlDocumentId(of id: String, in world: TwoAgencies) throws -> String {
        let show = try AxisFaultTests.show(id, in: world)
        let line = try #require(show.split(separator: "\n").first { $0.hasPrefix("edXML DocumentId") }, "\(show)")
        return line.dropFirst("edXML DocumentId".count).trimmingCharacters(in: .whitespaces)
    }

    static func lienthong(_ world: TwoAgencies, _ arguments: [String], as code: String = sender) throws
        -> (status: Int32, output: String)
    {
        try runCommand(world.lienthong, arguments + ["--config", world.config(code)])
    }

    @Test func aRevokeIsStoredOnceOnTheAxisWithTypeOneTheReasonAndTheRevokedDocumentId() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "41_Thu hoi.pdf"
        let id = try await AxisFaultTests.deliver(name, in: world)
        let documentId = try Self.edxmlDocumentId(of: id, in: world)
        #expect(try AxisFaultTests.stats(world).bySender[Self.sender] == 1)

        let reason = "Gửi nhầm nơi nhận"
        let revoke = try Self.lienthong(world, ["revoke", id, "--reason", reason])
        #expect(revoke.status == 0, "\(revoke.output)")
        #expect(revoke.output.contains("revoke of \(id) queued"), "\(revoke.output)")

        #expect(
            await eventually(timeout: 60) { (try? AxisFaultTests.stats(world).bySender[Self.sender]) == 2 },
            "the revoke did not reach the axis:\n\(world.logs)")
        let revokes = Self.storedEnvelopes(in: world, containing: "<edXML:BussinessDocType>1<")
        #expect(revokes.count == 1, "expected one stored revoke, found \(revokes.count)")
        let envelope = try #require(revokes.first)
        #expect(envelope.contains("<edXML:BussinessDocReason>\(reason)</edXML:BussinessDocReason>"))
        let start = try #require(envelope.range(of: "<edXML:Bussiness>")).upperBound
        let end = try #require(envelope.range(of: "</edXML:Bussiness>")).lowerBound
        #expect(
            envelope[start..<end].contains("<edXML:DocumentId>\(documentId)</edXML:DocumentId>"),
            "the Bussiness block does not name \(documentId): \(envelope[start..<end])")
        #expect(envelope.contains("<edXML:OrganId>\(Self.recipient)</edXML:OrganId>"))

        // The original's receipt gets a line once the request is on the axis; the request is listed and shown.
        let sentA = world.share(Self.sender) + "/sent"
        let receipt = try #require(
            world.files(under: sentA).first { $0.hasSuffix("/" + name + ".receipt.txt") },
            "\(world.files(under: sentA))")
        #expect(
            await eventually(timeout: 30) {
                ((try? String(contentsOfFile: sentA + "/" + receipt, encoding: .utf8)) ?? "").contains(
                    "revoke request #")
            }, "the original's receipt does not mention the revoke:\n\(world.logs)")
        let list = try Self.lienthong(world, ["list", "--direction", "out"])
        #expect(list.output.split(separator: "\n").filter { $0.hasSuffix("\t" + name) }.count == 2, "\(list.output)")
        let history = try AxisFaultTests.show(id, in: world)
        #expect(history.contains("revoke requested as #"), "\(history)")

        // A second revoke while the first is on its way is refused, naming the first.
        let again = try Self.lienthong(world, ["revoke", id, "--reason", "lần hai"])
        #expect(again.status == 1 && again.output.contains("already has a revoke request"), "\(again.output)")
        try await Task.sleep(for: .seconds(2))
        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[Self.sender] == 2 && stats.duplicates == 0, "\(stats)")
    }

    @Test func aReplacementArrivesSignedAtBWithTypeThreeAndTheReplacementInfo() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "42_Cong van.pdf"
        let id = try await AxisFaultTests.deliver(name, in: world)
        let documentId = try Self.edxmlDocumentId(of: id, in: world)

        let newPDF = TestPDF.make(note: "ban thay the")
        try FileManager.default.createDirectory(atPath: world.root + "/admin", withIntermediateDirectories: true)
        let newFile = world.root + "/admin/new.pdf"
        try Data(newPDF).write(to: URL(fileURLWithPath: newFile))
        let replace = try Self.lienthong(world, ["replace", id, newFile])
        #expect(replace.status == 0, "\(replace.output)")
        #expect(FileManager.default.fileExists(atPath: newFile), "the admin's file was moved")

        let inbox = world.share(Self.recipient) + "/inbox"
        #expect(
            await eventually(timeout: 90) { world.files(under: inbox).contains { $0.hasSuffix("/new.pdf") } },
            "new.pdf did not reach B's inbox:\n\(world.files(under: inbox))\n\(world.logs)")
        let delivered = inbox + "/" + (world.files(under: inbox).first { $0.hasSuffix("/new.pdf") } ?? "")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: delivered)))
        #expect(bytes.count > newPDF.count && Array(bytes.prefix(newPDF.count)) == newPDF, "not the signed new.pdf")
        let verify = try runCommand(
            world.lienthong, ["verify", delivered, "--trust", world.home(Self.sender) + "/agency-cert.pem"])
        #expect(verify.status == 0 && verify.output.contains("VALID"), "\(verify.output)")

        let replacements = Self.storedEnvelopes(in: world, containing: "<edXML:BussinessDocType>3<")
        #expect(replacements.count == 1, "expected one stored replacement, found \(replacements.count)")
        let envelope = try #require(replacements.first)
        let info = try #require(envelope.range(of: "<edXML:ReplacementInfo>"), "no ReplacementInfo")
        let rest = envelope[info.upperBound...]
        #expect(rest.contains("<edXML:DocumentId>\(documentId)</edXML:DocumentId>"), "\(rest.prefix(400))")
        #expect(rest.contains("<edXML:OrganId>\(Self.recipient)</edXML:OrganId>"), "\(rest.prefix(400))")
        #expect(try AxisFaultTests.stats(world).bySender[Self.sender] == 2)

        // B received documents; it cannot revoke one of them: only the sender can.
        let listB = try Self.lienthong(world, ["list", "--direction", "in"], as: Self.recipient)
        let inboundId = try #require(
            listB.output.split(separator: "\n").first { $0.hasPrefix("#") }.map { String($0.prefix { $0 != "\t" }) },
            "\(listB.output)")
        let refused = try Self.lienthong(world, ["revoke", inboundId, "--reason", "x"], as: Self.recipient)
        #expect(refused.status == 1 && refused.output.contains("not sent by us"), "\(refused.output)")
    }

    @Test func refusalsExitOneOrSixtyFourAndNameTheProblem() async throws {
        let world = try TwoAgencies()
        // Before lienthong has ever run there is no state database, and a command does not create one.
        let early = try Self.lienthong(world, ["revoke", "1", "--reason", "Sai"])
        #expect(early.status == 1 && early.output.contains("has `lienthong run` started?"), "\(early.output)")
        #expect(!FileManager.default.fileExists(atPath: world.home(Self.sender) + "/state/state.db"))

        try world.startAxis()
        try world.startDaemon(Self.sender)
        let database = world.home(Self.sender) + "/state/state.db"
        #expect(await eventually(timeout: 30) { FileManager.default.fileExists(atPath: database) }, "\(world.logs)")
        let unknown = try Self.lienthong(world, ["revoke", "999", "--reason", "Sai"])
        #expect(unknown.status == 1 && unknown.output.contains("no document #999"), "\(unknown.output)")
        let noReason = try Self.lienthong(world, ["revoke", "1"])
        #expect(noReason.status == 64 && noReason.output.contains("--reason"), "\(noReason.output)")
        let blankReason = try Self.lienthong(world, ["update", "1", "/nonexistent.pdf", "--reason", " "])
        #expect(blankReason.status == 64 && blankReason.output.contains("--reason"), "\(blankReason.output)")
        let notAnId = try Self.lienthong(world, ["replace", "abc", "/nonexistent.pdf"])
        #expect(notAnId.status == 64 && notAnId.output.contains("not a document id"), "\(notAnId.output)")
    }
}
