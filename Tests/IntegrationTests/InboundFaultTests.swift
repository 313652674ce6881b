import Foundation
import Testing

/// What B receives cannot be delivered, on the real binaries: the axis serves an empty or unreadable envelope, or a
/// ZIP attachment cannot be unwrapped. B quarantines the document with a reason, tells the axis `fail` exactly once
/// (counted on the axis side, with a description free of local paths), and leaves nothing in its inbox.
@Suite(.serialized) struct InboundFaultTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    static func world(faults: [String] = []) throws -> TwoAgencies {
        let world = try TwoAgencies()
        try world.startAxis()
        for fault in faults { try world.admin.addFault(fault) }
        try world.startDaemon(sender)
        try world.startDaemon(recipient)
        return world
    }

    /// B's downloads of the next `count` documents serve `bytes` instead of what A sent.
    static func serveToRecipient(_ bytes: [UInt8], count: Int) -> String {
        #"{"method":"downloadEdoc","system_id":""# + recipient + #"","count":\#(count),"#
            + #""fault":{"kind":"serve_document","base64":""# + Data(bytes).base64EncodedString() + #""}}"#
    }

    /// Waits until B's `quarantine/` holds one document with its reason; returns its axis docId and the reason.
    static func quarantined(in world: TwoAgencies) async throws -> (docId: String, reason: String) {
        let quarantine = world.share(recipient) + "/quarantine"
        #expect(
            await eventually(timeout: 90) { world.files(under: quarantine).contains { $0.hasSuffix("/reason.txt") } },
            "nothing was quarantined at B:\n\(world.logs)")
        let reasonFile = try #require(world.files(under: quarantine).first { $0.hasSuffix("/reason.txt") })
        let reason = try String(contentsOfFile: quarantine + "/" + reasonFile, encoding: .utf8)
        return (String(reasonFile.prefix { $0 != "/" }), reason)
    }

    /// The axis counts exactly one acknowledgement of `docId`, a `fail`, and still one after several more polls
    /// (B polls every 2 s); nothing is left on B's list. Returns the description the axis received.
    static func expectFailedExactlyOnce(_ docId: String, in world: TwoAgencies) async throws -> String {
        func counted() throws -> [String: Any] {
            let acknowledgements = try world.admin.stats()["acknowledgements"] as? [String: [String: Any]]
            return acknowledgements?[docId] ?? [:]
        }
        let answered = await eventually(timeout: 30) { ((try? counted())?["fail"] as? Int ?? 0) > 0 }
        #expect(answered, "the axis never received fail for \(docId):\n\(world.logs)")
        try await Task.sleep(for: .seconds(6))
        let final = try counted()
        #expect(final["fail"] as? Int == 1, "\(final)")
        #expect(final["done"] as? Int == 0, "\(final)")
        let pending = try world.admin.stats()["pending_by_recipient"] as? [String: Int] ?? [:]
        #expect((pending[recipient] ?? 0) == 0, "still listed for B: \(pending)")
        let description = final["last_description"] as? String ?? ""
        #expect(!description.isEmpty && description.count <= 200, "\(description)")
        #expect(!description.contains(world.root) && !description.contains("/tmp/"), "\(description)")
        return description
    }

    /// Nothing at all in B's inbox: no document, no staging folder; only the sender's folder the demo creates up
    /// front, still empty.
    static func expectInboxEmpty(_ world: TwoAgencies) throws {
        let left = try FileManager.default.subpathsOfDirectory(atPath: world.share(recipient) + "/inbox")
        #expect(left.filter { $0 != sender }.isEmpty, "left in B's inbox/: \(left)")
    }

    @Test func anEnvelopeServedEmptyThreeTimesIsQuarantinedAndFailedOnce() async throws {
        let world = try Self.world(faults: [Self.serveToRecipient([], count: 3)])
        try world.drop(TestPDF.make(note: "41"), named: "41_Rong.pdf", into: Self.recipient, of: Self.sender)

        let (docId, reason) = try await Self.quarantined(in: world)
        #expect(reason.contains("3 times") && reason.contains("empty document"), "\(reason)")
        let description = try await Self.expectFailedExactlyOnce(docId, in: world)
        #expect(description.hasPrefix("The axis served this document 3 times"), "\(description)")
        let stats = try world.admin.stats()
        #expect((stats["faults_injected"] as? [String: Int])?["downloadEdoc"] == 3, "\(stats)")
        #expect((stats["calls"] as? [String: Int])?["downloadEdoc"] == 3, "fetched again after the third: \(stats)")
        try Self.expectInboxEmpty(world)
    }

    /// The axis refuses every `fail` (HTTP 503) until B is killed; B started again finds the quarantined document
    /// whose `fail` is still pending in its database and sends it, once.
    @Test func aFailTheAxisRefusedIsSentAgainAfterARestart() async throws {
        let world = try Self.world(faults: [
            Self.serveToRecipient([], count: 3),
            #"{"method":"updateStatus","system_id":""# + Self.recipient
                + #"","count":1000,"fault":{"kind":"http_status","status":503}}"#,
        ])
        try world.drop(TestPDF.make(note: "44"), named: "44_Khoi dong lai.pdf", into: Self.recipient, of: Self.sender)
        let (docId, _) = try await Self.quarantined(in: world)
        let refused = await eventually(timeout: 30) {
            ((try? world.admin.stats()["faults_injected"]) as? [String: Int])?["updateStatus"] ?? 0 > 0
        }
        #expect(refused, "B never tried to send fail:\n\(world.logs)")
        world.daemons[Self.recipient]?.kill()
        try world.admin.clearFaults()
        try world.startDaemon(Self.recipient)

        _ = try await Self.expectFailedExactlyOnce(docId, in: world)
        try Self.expectInboxEmpty(world)
    }

    /// A document folder holding a PDF and a ZIP whose CRC is wrong: the PDF is staged before the ZIP fails, and
    /// the staging folder with it goes. The axis refuses the first two `fail`s (HTTP 503): B sends it again.
    @Test func aZipAttachmentThatCannotBeUnwrappedIsQuarantinedWithoutLeavingAStagingFolder() async throws {
        let world = try Self.world(faults: [
            #"{"method":"updateStatus","system_id":""# + Self.recipient
                + #"","count":2,"fault":{"kind":"http_status","status":503}}"#
        ])
        let folder = Self.recipient + "/CV42"
        try world.drop(TestPDF.make(note: "42"), named: "01 Giay moi.pdf", into: folder, of: Self.sender)
        let zip = CorruptZip.make(entryName: "5f2c.docx", content: Array("a damaged plan".utf8))
        try world.drop(zip, named: "Ke hoach.zip", into: folder, of: Self.sender)
        try world.dropFolderMetadata("so: 42\n", into: folder)

        let (docId, reason) = try await Self.quarantined(in: world)
        #expect(reason.contains("cannot unwrap the ZIP attachment"), "\(reason)")
        let description = try await Self.expectFailedExactlyOnce(docId, in: world)
        #expect(description.contains("cannot unwrap the ZIP attachment [local file]"), "\(description)")
        #expect((try world.admin.stats()["faults_injected"] as? [String: Int])?["updateStatus"] == 2)
        try Self.expectInboxEmpty(world)
    }

    /// The reason's English line has a space as its 200th character: cut there, the description would end in a
    /// space, which the client refuses to send, and the document would stay listed for ever.
    @Test func aReasonWhose200thCharacterIsASpaceReachesTheAxisOnce() async throws {
        let name = "Z" + String(repeating: " ", count: 300) + "Z"
        let envelope = TestEnvelope.make(
            from: Self.sender, to: [Self.recipient], number: 43, attachment: (name: name, content: nil))
        let world = try Self.world(faults: [Self.serveToRecipient(envelope, count: 3)])
        try world.drop(TestPDF.make(note: "43"), named: "43_Khong doc duoc.pdf", into: Self.recipient, of: Self.sender)

        let (docId, reason) = try await Self.quarantined(in: world)
        let english = try #require(reason.split(separator: "\n").first { $0.hasPrefix("The axis served") })
        #expect(english.count > 200 && Array(english)[199] == " ", "the test needs a space at 200:\n\(english)")
        let description = try await Self.expectFailedExactlyOnce(docId, in: world)
        #expect(description == english.prefix(200).trimmingCharacters(in: .whitespaces), "\(description)")
        #expect(description.hasSuffix("'Z"), "\(description)")
        try Self.expectInboxEmpty(world)
    }
}
