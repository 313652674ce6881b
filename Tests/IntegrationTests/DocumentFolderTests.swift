import Foundation
import Testing

extension TwoAgencies {
    /// Writes `document.meta.yaml` into A's `outbox/<folder>/` as clerks are told to: last, through a temporary name.
    func dropFolderMetadata(_ yaml: String, into folder: String) throws {
        try dropSidecar(yaml, for: "document", into: folder, of: Self.codeA)
    }

    /// The inbox folder at B holding A's document `<number>-DEMO`, relative to B's inbox, once it is there.
    func inboxFolder(number: Int) -> String? {
        let summary = files(under: share(Self.codeB) + "/inbox").first {
            $0.hasPrefix(Self.codeA + "/") && $0.contains("_\(number)-DEMO/") && $0.hasSuffix("/document.json")
        }
        return summary.map { String($0.dropLast("document.json".count)) }
    }

    /// A's documents stored on the axis, and the duplicates it saw.
    func storedFromA() throws -> (count: Int, duplicates: Int) {
        let stats = try admin.stats()
        let bySender = stats["documents_by_sender"] as? [String: Int] ?? [:]
        return (bySender[Self.codeA] ?? 0, stats["duplicate_documents"] as? Int ?? -1)
    }
}

/// Document folders on the real binaries: a folder below A's outbox with `document.meta.yaml` is one document with
/// several attachments, sent once, signed file by file, filed whole; bad metadata files it whole in failed/, where
/// the clerk (moving it back) or the admin (`lienthong retry`) sends it again once fixed; a folder without its
/// metadata file sends nothing.
@Suite(.serialized) struct DocumentFolderTests {
    static let recipientFolder = TwoAgencies.codeB

    /// Both daemons, with B trusting A's certificate so that signatures.txt can say valid.
    static func world() throws -> TwoAgencies {
        let world = try TwoAgencies()
        let certificateA = world.home(TwoAgencies.codeA) + "/agency-cert.pem"
        try world.trustOnly([certificateA], at: TwoAgencies.codeB)
        try world.startAxis()
        try world.startDaemon(TwoAgencies.codeA)
        try world.startDaemon(TwoAgencies.codeB)
        return world
    }

    static let odt = [0x50, 0x4b, 0x03, 0x04] + Array("an OpenDocument text, signed by a detached .p7s".utf8)

    /// Fills A's `outbox/<folder>/` with two PDFs and an .odt, each through a temporary name; no metadata file yet.
    static func dropFiles(_ world: TwoAgencies, into folder: String, note: String) throws -> [String: [UInt8]] {
        let files = [
            "01 Công văn.pdf": TestPDF.make(note: "\(note) cong van"),
            "02 Phụ lục.pdf": TestPDF.make(note: "\(note) phu luc"), "Dự thảo.odt": odt,
        ]
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            try world.drop(bytes, named: name, into: folder, of: TwoAgencies.codeA)
        }
        return files
    }

    /// The folder arrived at B as one document with every file: the PDFs carrying A's signature as an incremental
    /// update that signatures.txt calls valid, the .odt byte-identical (it travelled as a single-entry ZIP).
    static func expectDelivered(_ files: [String: [UInt8]], number: Int, in world: TwoAgencies) async throws {
        let inbox = world.share(TwoAgencies.codeB) + "/inbox"
        #expect(
            await eventually(timeout: 90) { world.inboxFolder(number: number) != nil },
            "document \(number) did not reach B:\n\(world.files(under: inbox))\n\(world.logs)")
        let folder = try #require(world.inboxFolder(number: number))
        let received = world.files(under: inbox + "/" + folder)
        for name in files.keys { #expect(received.contains(name), "\(name) missing at B: \(received)") }
        let documents = world.files(under: inbox).filter {
            $0.hasSuffix("/document.json") && $0.contains("_\(number)-")
        }
        #expect(documents.count == 1, "not one document: \(documents)")

        let report = try String(contentsOfFile: inbox + "/" + folder + "signatures.txt", encoding: .utf8)
        let blocks = report.components(separatedBy: "\n\n")
        for (name, original) in files {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: inbox + "/" + folder + name)))
            let block = blocks.first { $0.contains("Tệp / File:                     \(name)\n") } ?? ""
            #expect(block.contains("Kết quả / Result:               HỢP LỆ / VALID"), "\(name):\n\(report)")
            if name.hasSuffix(".pdf") {
                #expect(bytes.count > original.count && Array(bytes.prefix(original.count)) == original, "\(name)")
                #expect(block.contains("chữ ký trong PDF / signature in the PDF"), "\(name):\n\(report)")
            } else {
                #expect(bytes == original, "\(name) arrived altered")
                #expect(block.contains("chữ ký rời / detached signature"), "\(name):\n\(report)")
            }
        }
    }

    /// A's `sent/<date>/<folder>/` holds the folder, signed copies, metadata file and receipt; the outbox is empty.
    static func expectFiled(_ folder: String, files: [String: [UInt8]], in world: TwoAgencies) async throws {
        let sentA = world.share(TwoAgencies.codeA) + "/sent"
        let receiptSuffix = "/\(folder)/document.receipt.txt"
        #expect(
            await eventually(timeout: 30) { world.files(under: sentA).contains { $0.hasSuffix(receiptSuffix) } },
            "\(folder) was not filed in A's sent/:\n\(world.files(under: sentA))\n\(world.logs)")
        let receipt = try #require(world.files(under: sentA).first { $0.hasSuffix(receiptSuffix) })
        let day = String(receipt.prefix { $0 != "/" })
        let filed = Set(world.files(under: sentA + "/" + day + "/" + folder))
        var expected: Set = [
            "document.meta.yaml", "document.receipt.txt", "document.receipt.json", "01 Công văn_signed.pdf",
            "02 Phụ lục_signed.pdf", "Dự thảo.odt.p7s",
        ]
        expected.formUnion(files.keys)
        #expect(filed == expected, "sent/\(day)/\(folder)/ holds \(filed.sorted())")
        let text = try String(contentsOfFile: sentA + "/" + receipt, encoding: .utf8)
        #expect(files.keys.allSatisfy { text.contains($0) }, "the receipt does not list every file:\n\(text)")
        // Nothing is left in the outbox; DANG-CHO-GUI.txt goes a second after the last document.
        #expect(
            await eventually(timeout: 15) { world.files(under: world.share(TwoAgencies.codeA) + "/outbox").isEmpty },
            "\(world.files(under: world.share(TwoAgencies.codeA) + "/outbox"))")
    }

    @Test func aFolderOfTwoPDFsAndAnODTArrivesAsOneDocumentSignedAndIsFiledWhole() async throws {
        let world = try Self.world()
        let folder = Self.recipientFolder + "/CV77"
        let files = try Self.dropFiles(world, into: folder, note: "77")
        try world.dropFolderMetadata("so: 77\ntrich_yeu: \"Về việc hội nghị\"\n", into: folder)

        try await Self.expectDelivered(files, number: 77, in: world)
        try await Self.expectFiled("CV77", files: files, in: world)
        let stored = try world.storedFromA()
        #expect(stored.count == 1 && stored.duplicates == 0, "stored \(stored)")
    }

    /// Bad metadata: the folder lands whole in failed/<folder>/ with document.error.txt naming the field; the clerk
    /// corrects document.meta.yaml there and moves the folder back into the outbox, and it is sent.
    @Test func aFolderWithBadMetadataFailsWholeAndMovedBackFixedIsSent() async throws {
        let world = try Self.world()
        let folder = Self.recipientFolder + "/CV78"
        let files = try Self.dropFiles(world, into: folder, note: "78")
        try world.dropFolderMetadata("so: 78\nngay: 31/02/2026\n", into: folder)

        let failed = try await Self.expectFailed("CV78", in: world)
        try "so: 78\nngay: 2026-11-20\n".write(
            toFile: failed + "/document.meta.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(
            atPath: failed, toPath: world.share(TwoAgencies.codeA) + "/outbox/" + folder)

        try await Self.expectDelivered(files, number: 78, in: world)
        #expect(try world.storedFromA().count == 1)
    }

    /// The same failure repaired by the admin: `lienthong retry ID` moves the fixed folder back whole, without its
    /// reason file, and it is sent as a new document.
    @Test func aFailedFolderRetriedByIdGoesBackWholeAndIsSent() async throws {
        let world = try Self.world()
        let folder = Self.recipientFolder + "/CV79"
        let files = try Self.dropFiles(world, into: folder, note: "79")
        try world.dropFolderMetadata("so: 79\nngay: 31/02/2026\n", into: folder)

        let failed = try await Self.expectFailed("CV79", in: world)
        let id = try AxisFaultTests.documentId(of: "CV79", in: world)
        try "so: 79\n".write(toFile: failed + "/document.meta.yaml", atomically: true, encoding: .utf8)
        let retry = try runCommand(world.lienthong, ["retry", id, "--config", world.config(TwoAgencies.codeA)])
        #expect(retry.status == 0 && retry.output.contains("moved back to"), "\(retry.output)")
        #expect(!FileManager.default.fileExists(atPath: failed), "the folder is still in failed/")

        try await Self.expectDelivered(files, number: 79, in: world)
        try await Self.expectFiled("CV79", files: files, in: world)
        #expect(try world.storedFromA().count == 1)
        let history = try AxisFaultTests.show(id, in: world)
        #expect(history.contains("retried by an administrator"), "\(history)")
    }

    /// A folder without its metadata file sends nothing, however long it waits (the admin hears about it in the
    /// journal after ten settle times); once document.meta.yaml is written, the folder goes as one document.
    @Test func aFolderWithoutMetadataSendsNothingUntilTheMetadataFileAppears() async throws {
        let world = try Self.world()
        let folder = "Công văn 80"
        let files = try Self.dropFiles(world, into: folder, note: "80")
        let logA = { world.daemons[TwoAgencies.codeA]?.log ?? "" }
        #expect(
            await eventually(timeout: 30) { logA().contains("\"\(folder)\" has held files") },
            "no warning about the waiting folder:\n\(logA())")
        var status = ""
        #expect(
            await eventually(timeout: 20) {
                status =
                    (try? runCommand(world.lienthong, ["status", "--config", world.config(TwoAgencies.codeA)]))?
                    .output ?? ""
                return status.contains("WAITING, nothing sent: ") && status.contains("/outbox/\(folder) holds files")
            }, "lienthong status does not show the waiting folder:\n\(status)")
        let stored = try world.storedFromA()
        #expect(stored.count == 0, "sent before its metadata file: \(stored)")
        #expect(Set(world.files(under: world.share(TwoAgencies.codeA) + "/outbox/" + folder)) == Set(files.keys))

        try world.dropFolderMetadata("so: 80\n", into: folder)
        try await Self.expectDelivered(files, number: 80, in: world)
        #expect(try world.storedFromA().count == 1)
    }

    /// Waits until A's `failed/<name>/` holds the folder and a reason naming the bad date; returns the folder's path.
    static func expectFailed(_ name: String, in world: TwoAgencies) async throws -> String {
        let failed = world.share(TwoAgencies.codeA) + "/failed/" + name
        #expect(
            await eventually(timeout: 60) { FileManager.default.fileExists(atPath: failed + "/document.error.txt") },
            "\(name) did not reach failed/:\n\(world.files(under: world.share(TwoAgencies.codeA)))\n\(world.logs)")
        let reason = try String(contentsOfFile: failed + "/document.error.txt", encoding: .utf8)
        #expect(reason.contains("document.meta.yaml") && reason.contains("ngay"), "reason:\n\(reason)")
        let left = Set(world.files(under: failed))
        let expected: Set = [
            "01 Công văn.pdf", "02 Phụ lục.pdf", "Dự thảo.odt", "document.meta.yaml", "document.error.txt",
        ]
        #expect(left == expected, "failed/\(name)/ holds \(left.sorted())")
        #expect(try world.storedFromA().count == 0)
        return failed
    }
}
