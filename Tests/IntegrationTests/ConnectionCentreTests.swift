import Foundation
import Testing

/// Many agencies on one system id, on the real binaries: the centre polls the axis once for all of them, each
/// document lands in exactly the inboxes it is addressed to (one copy each, never another agency's), the axis counts
/// one acknowledgement per item, and an item listed for an agency the centre does not serve is refused.
@Suite(.serialized) struct ConnectionCentreTests {
    static let (c1, c2, c3) = (ConnectionCentre.served[0], ConnectionCentre.served[1], ConnectionCentre.served[2])

    /// The axis DocId A's `lienthong show` gives for the document it sent as `name`.
    static func axisDocId(of name: String, in world: TwoAgencies) throws -> String {
        let history = try AxisFaultTests.show(try AxisFaultTests.documentId(of: name, in: world), in: world)
        let line = try #require(history.split(separator: "\n").first { $0.hasPrefix("axis DocId") }, "\(history)")
        return try #require(line.split(separator: " ").last.map(String.init))
    }

    @Test func eachDocumentLandsInExactlyTheInboxesItIsAddressedToAndIsAcknowledgedOnce() async throws {
        let centre = try ConnectionCentre()
        let world = centre.world
        try centre.start()
        let sender = TwoAgencies.codeA
        try world.drop(TestPDF.make(note: "51"), named: "51_Cho C1.pdf", into: Self.c1, of: sender)
        try world.drop(TestPDF.make(note: "52"), named: "52_Cho C2.pdf", into: Self.c2, of: sender)
        let both = "53_Cho C1 va C3.pdf"
        try world.dropSidecar("noi_nhan: [\"\(Self.c1)\", \"\(Self.c3)\"]\n", for: both, into: "", of: sender)
        try world.drop(TestPDF.make(note: "53"), named: both, into: "", of: sender)
        try world.drop(TestPDF.make(note: "54"), named: "54_Cho C4.pdf", into: ConnectionCentre.unserved, of: sender)

        let expected = [Self.c1: ["_51-DEMO/", "_53-DEMO/"], Self.c2: ["_52-DEMO/"], Self.c3: ["_53-DEMO/"]]
        func arrived() -> Bool {
            expected.allSatisfy { code, numbers in
                let found = centre.documents(of: code)
                return numbers.allSatisfy { number in found.contains { $0.hasSuffix(number) } }
            }
        }
        #expect(
            await eventually(timeout: 120) { arrived() },
            "not every document arrived: \(ConnectionCentre.served.map { centre.documents(of: $0) })\n\(centre.logs)")
        let names = ["51_Cho C1.pdf", "52_Cho C2.pdf", both, "54_Cho C4.pdf"]
        var docIds: [String: String] = [:]
        for name in names {
            #expect(
                await eventually(timeout: 30) { (try? Self.axisDocId(of: name, in: world)) != nil },
                "\(name) was not sent:\n\(centre.logs)")
            docIds[name] = try Self.axisDocId(of: name, in: world)
        }
        func acknowledgements() throws -> [String: [String: Any]] {
            try world.admin.stats()["acknowledgements"] as? [String: [String: Any]] ?? [:]
        }
        #expect(
            await eventually(timeout: 30) {
                let counted = (try? acknowledgements()) ?? [:]
                return docIds.values.allSatisfy { counted[$0] != nil }
            }, "not every document was acknowledged: \((try? acknowledgements()) ?? [:])\n\(centre.logs)")
        try await Task.sleep(for: .seconds(6))

        for (code, numbers) in expected {
            let found = centre.documents(of: code)
            #expect(found.count == numbers.count, "\(code) holds \(found)")
            for number in numbers { #expect(found.filter { $0.hasSuffix(number) }.count == 1, "\(code): \(found)") }
            let quarantined = world.files(under: centre.share(code) + "/quarantine")
            #expect(quarantined.isEmpty, "\(code) quarantined \(quarantined)")
        }
        let counted = try acknowledgements()
        for name in names.dropLast() {
            let acknowledged = counted[docIds[name] ?? ""] ?? [:]
            #expect(acknowledged["done"] as? Int == 1 && acknowledged["fail"] as? Int == 0, "\(name): \(acknowledged)")
        }
        let refused = counted[docIds["54_Cho C4.pdf"] ?? ""] ?? [:]
        #expect(refused["fail"] as? Int == 1 && refused["done"] as? Int == 0, "54: \(refused)")
        let description = refused["last_description"] as? String ?? ""
        #expect(description.contains("Not addressed to any agency served by this system"), "\(description)")
        let pending = try world.admin.stats()["pending_by_recipient"] as? [String: Int] ?? [:]
        for code in ConnectionCentre.served + [ConnectionCentre.unserved] {
            #expect((pending[code] ?? 0) == 0, "still listed for \(code): \(pending)")
        }
        #expect(centre.daemon?.log.contains("none of the agencies served here") == true, "\(centre.logs)")
    }

    /// The envelope, not the listing, has the last word: listed for C1 but addressed to C2 and C3, the document goes
    /// to C2 and C3 (one copy each, fetched by their own records) and nothing to C1, whose record is `redirected`.
    @Test func anEnvelopeAddressedToOtherAgenciesThanItIsListedForGoesWhereTheEnvelopeSays() async throws {
        let centre = try ConnectionCentre()
        let world = centre.world
        let envelope = TestEnvelope.make(
            from: TwoAgencies.codeA, to: [Self.c2, Self.c3], number: 61,
            attachment: (name: "61 Giay moi.pdf", content: TestPDF.make(note: "61 served")))
        try centre.start()
        try world.admin.addFault(
            #"{"method":"downloadEdoc","system_id":""# + ConnectionCentre.systemId + #"","count":5,"#
                + #""fault":{"kind":"serve_document","base64":""# + Data(envelope).base64EncodedString() + #""}}"#)
        let name = "61_Cho C1.pdf"
        try world.drop(TestPDF.make(note: "61"), named: name, into: Self.c1, of: TwoAgencies.codeA)

        #expect(
            await eventually(timeout: 90) {
                [Self.c2, Self.c3].allSatisfy { centre.documents(of: $0).contains { $0.hasSuffix("_61-DEMO/") } }
            }, "61 did not reach C2 and C3:\n\(centre.logs)")
        let docId = try Self.axisDocId(of: name, in: world)
        func acknowledged() -> [String: Any] {
            let all = (try? world.admin.stats()["acknowledgements"]) as? [String: [String: Any]]
            return all?[docId] ?? [:]
        }
        #expect(await eventually(timeout: 30) { acknowledged()["done"] as? Int == 1 }, "\(centre.logs)")
        try await Task.sleep(for: .seconds(6))

        #expect(centre.documents(of: Self.c1).isEmpty, "C1 got \(centre.documents(of: Self.c1))")
        #expect(centre.documents(of: Self.c2).count == 1 && centre.documents(of: Self.c3).count == 1)
        #expect(acknowledged()["done"] as? Int == 1 && acknowledged()["fail"] as? Int == 0, "\(acknowledged())")
        // Every download by the centre is served the envelope (A's downloads of the status 01 replies are not).
        let served = try world.admin.stats()["faults_injected"] as? [String: Int] ?? [:]
        #expect(served["downloadEdoc"] == 3, "one download per record: \(served)")
        let list = try runCommand(world.lienthong, ["list", "--config", centre.config, "--direction", "in"]).output
        #expect(list.split(separator: "\n").filter { $0.contains("\tredirected\t") }.count == 1, "\(list)")
        #expect(list.split(separator: "\n").filter { $0.contains("\tacknowledged\t") }.count == 2, "\(list)")
    }
}
