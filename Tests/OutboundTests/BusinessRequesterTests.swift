import AxisProtocol
import Config
import EdXML
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// `lienthong revoke|update|replace` below the command line: what is refused, what is queued, and the envelope the
/// pipeline makes of a queued request (claimed, then packaged exactly as the daemon does).
@Suite struct BusinessRequesterTests {
    static let documentId = "000.00.00.H41,2026/11/20,125/UBND-VX"
    static let recipients = ["000.00.00.H26", "000.00.00.H14"]

    /// An agency, a spool, a state database and one sent document filed in `sent/` with its metadata file.
    final class World {
        let root: String
        let agency: AgencyConfig
        let store: DocumentStore
        let spool: OutboundSpool
        let original: DocumentRecord

        init(limits: Limits = Limits()) throws {
            root =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("lienthong-business-\(UUID().uuidString)").path
            agency = AgencyConfig(
                code: "000.00.00.H41", name: "UBND tỉnh Nghệ An", folders: AgencyFolders(root: root + "/share"),
                defaults: DocumentDefaults(codeNotation: "UBND-VX", place: "Nghệ An"))
            let sentDay = agency.folders.sent + "/2026-11-20"
            try FileManager.default.createDirectory(atPath: sentDay, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: root + "/state/spool", withIntermediateDirectories: true)
            store = try DocumentStore(path: root + "/state/state.db")
            spool = OutboundSpool(spoolDirectory: root + "/state/spool")
            self.limits = limits
            let sentCopy = sentDay + "/Công văn 125.pdf"
            try Data("%PDF-1.4\noriginal\n".utf8).write(to: URL(fileURLWithPath: sentCopy))
            try """
            so: 125
            ky_hieu: UBND-VX
            ngay: 2026-11-20
            trich_yeu: Về việc tổ chức hội nghị
            nguoi_ky: Nguyễn Văn A
            noi_nhan: [000.00.00.H26, 000.00.00.H14]
            """.write(toFile: sentCopy + ".meta.yaml", atomically: false, encoding: .utf8)
            let inserted = try store.insert(
                DocumentRecord(
                    direction: .outbound, agency: agency.code, fileName: "Công văn 125.pdf",
                    sourcePath: agency.folders.outbox + "/Công văn 125.pdf",
                    recipients: BusinessRequesterTests.recipients
                ), note: "found")
            let id = try #require(inserted.id)
            for next: DocumentState in [.claimed, .signed, .packaged] { try store.transition(id, to: next, note: "") }
            try store.transition(id, to: .sent, note: "") { $0.axisDocId = "axis-125" }
            original = try store.transition(id, to: .filed, note: "") {
                $0.destinationPath = sentCopy
                $0.edxmlDocumentId = BusinessRequesterTests.documentId
                $0.codeNotation = "125/UBND-VX"
            }
        }

        let limits: Limits

        deinit { try? FileManager.default.removeItem(atPath: root) }

        var requester: BusinessRequester {
            BusinessRequester(
                agencies: [agency], store: store, spoolDirectory: root + "/state/spool", limits: limits,
                clock: ClaimClock.fixed)
        }

        /// A file of the admin's, outside every lienthong folder, with an optional metadata file.
        func adminFile(_ name: String, bytes: [UInt8] = Array("%PDF-1.4\nnew\n".utf8), sidecar: String? = nil) throws
            -> String
        {
            try FileManager.default.createDirectory(atPath: root + "/admin", withIntermediateDirectories: true)
            let path = root + "/admin/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            if let sidecar { try sidecar.write(toFile: path + ".meta.yaml", atomically: false, encoding: .utf8) }
            return path
        }

        /// Claims and packages a queued request as the pipeline does (the signing step is skipped: no key here),
        /// and reads back the envelope's header.
        func package(_ request: DocumentRecord) throws -> EdXMLMessage {
            let logger = Logger(label: "test")
            let claimer = OutboxClaimer(
                agency: agency, store: store, spool: spool, limits: limits, logger: logger, clock: ClaimClock.fixed)
            let claimed = try claimer.finishClaim(request)
            #expect(claimed.state == .claimed)
            let signed = try store.transition(claimed.id!, to: .signed, note: "signing skipped in this test")
            let packaged = try EnvelopePackager(
                agency: agency, store: store, spool: spool, logger: logger, clock: ClaimClock.fixed
            ).package(signed)
            #expect(packaged.state == .packaged)
            let envelope = try Data(contentsOf: URL(fileURLWithPath: spool.envelope(of: packaged.id!)))
            #expect(packaged.envelopeHashFile == HashFile.value(ofBytes: envelope), "the hash of what was written")
            return try EdXMLReader().readHeader(from: spool.envelope(of: packaged.id!))
        }

        /// Folders left under `spool/requests/`.
        var stagingFolders: [String] {
            (try? FileManager.default.contentsOfDirectory(atPath: root + "/state/spool/requests")) ?? []
        }
    }

    static func error(_ body: () throws(BusinessRequestError) -> DocumentRecord) -> BusinessRequestError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    @Test func aRevokeIsPackagedWithTypeOneTheReasonAndTheOriginalsHeaderAndDocumentId() throws {
        let world = try World()
        let request = try world.requester.revoke(world.original.id!, reason: "Sai nơi nhận")
        #expect(request.state == .detected)
        #expect(request.relatedDocumentId == world.original.id)
        #expect(request.sourcePath?.hasPrefix(world.root + "/state/spool/requests/") == true)
        #expect(FileManager.default.fileExists(atPath: world.original.destinationPath!), "the sent copy was moved")

        let message = try world.package(request)
        let business = try #require(message.business)
        #expect(business.docTypeKind == .revoke)
        #expect(business.docReason == "Sai nơi nhận")
        #expect(business.documentId == Self.documentId)
        let header = try #require(message.document)
        #expect(header.documentId == Self.documentId)
        #expect(header.to.map(\.organId) == Self.recipients)
        #expect(header.subject == "Về việc tổ chức hội nghị")
        #expect(header.signerInfo?.fullName == "Nguyễn Văn A")
    }

    @Test func aReplacementWithANewNumberGetsItsOwnDocumentIdAndNamesTheReplacedOne() throws {
        let world = try World()
        let file = try world.adminFile("Công văn 126.pdf", sidecar: "so: 126\ntrich_yeu: Thay thế công văn 125\n")
        let request = try world.requester.replace(world.original.id!, with: file, reason: nil)
        #expect(FileManager.default.fileExists(atPath: file), "the admin's file must stay where it is")
        let message = try world.package(request)
        let business = try #require(message.business)
        #expect(business.docTypeKind == .replace)
        #expect(business.documentId == "000.00.00.H41,2026/11/20,126/UBND-VX")
        #expect(business.replacements.first?.documentId == Self.documentId)
        #expect(business.replacements.first?.organIds == Self.recipients)
        let header = try #require(message.document)
        #expect(header.documentId == "000.00.00.H41,2026/11/20,126/UBND-VX")
        #expect(header.subject == "Thay thế công văn 125")
        #expect(header.to.map(\.organId) == Self.recipients)
    }

    @Test func anUpdateKeepsTheDocumentIdAndRefusesANewNumber() throws {
        let world = try World()
        let file = try world.adminFile("Công văn 125 (sửa).pdf")
        let request = try world.requester.update(world.original.id!, with: file, reason: "Sửa lỗi chính tả")
        let message = try world.package(request)
        #expect(message.business?.docTypeKind == .update)
        #expect(message.business?.documentId == Self.documentId)
        #expect(message.document?.documentId == Self.documentId)

        let renumbered = try world.adminFile("Công văn 127.pdf", sidecar: "so: 127\n")
        let error = Self.error { () throws(BusinessRequestError) in
            try world.requester.update(world.original.id!, with: renumbered, reason: "Đổi số")
        }
        guard case .updateChangesIdentity(let fields)? = error else {
            Issue.record("expected a refusal of the new number, got \(String(describing: error))")
            return
        }
        #expect(fields == ["so/number"])
    }

    @Test func aMissingReasonAnUnknownIdAndASecondRevokeAreRefusedAndLeaveNothingQueued() throws {
        let world = try World()
        let id = world.original.id!
        guard
            case .missingReason? = Self.error({ () throws(BusinessRequestError) in
                try world.requester.revoke(id, reason: "  ")
            })
        else {
            Issue.record("a blank reason was accepted")
            return
        }
        guard
            case .refused(.unknownDocument(404))? = Self.error({ () throws(BusinessRequestError) in
                try world.requester.revoke(404, reason: "x")
            })
        else {
            Issue.record("an unknown id was accepted")
            return
        }
        let first = try world.requester.revoke(id, reason: "Sai nơi nhận")
        let second = Self.error { () throws(BusinessRequestError) in
            try world.requester.revoke(id, reason: "Lần hai")
        }
        guard case .refused(.revokePending(id, request: first.id!, state: .detected))? = second else {
            Issue.record("a second revoke was accepted: \(String(describing: second))")
            return
        }
        #expect(try world.store.businessRequests(concerning: id).count == 1)
        #expect(world.stagingFolders.count == 1, "a refused request left files: \(world.stagingFolders)")
    }

    @Test func aSymbolicLinkOrAnOversizedNewFileIsRefusedWithoutStagingAnything() throws {
        let world = try World(limits: Limits(maxDocumentSize: 8))
        let target = try world.adminFile("real.pdf")
        let link = world.root + "/admin/link.pdf"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let linked = Self.error { () throws(BusinessRequestError) in
            try world.requester.replace(world.original.id!, with: link, reason: nil)
        }
        guard case .unsafeFile(.symbolicLink)? = linked else {
            Issue.record("a symbolic link was accepted: \(String(describing: linked))")
            return
        }
        let large = Self.error { () throws(BusinessRequestError) in
            try world.requester.replace(world.original.id!, with: target, reason: nil)
        }
        guard case .tooLarge? = large else {
            Issue.record("an oversized file was accepted: \(String(describing: large))")
            return
        }
        #expect(world.stagingFolders.isEmpty, "\(world.stagingFolders)")
        #expect(try world.store.businessRequests(concerning: world.original.id!).isEmpty)
    }

    @Test func theSentRequestIsNotedOnceInTheConcernedDocumentsReceipt() throws {
        let world = try World()
        let receipt = world.original.destinationPath! + ".receipt"
        try Data("ĐÃ GỬI / SENT\n".utf8).write(to: URL(fileURLWithPath: receipt + ".txt"))
        try Data(#"{"statuses": []}"#.utf8).write(to: URL(fileURLWithPath: receipt + ".json"))
        var request = try world.requester.revoke(world.original.id!, reason: "Sai nơi nhận")
        request.axisDocId = "axis-revoke"
        for _ in 0..<2 {
            BusinessReceipt.noteOnConcernedDocument(
                of: request, store: world.store, logger: Logger(label: "test"), now: Date(), timeZone: .vietnam)
        }
        let text = try String(contentsOfFile: receipt + ".txt", encoding: .utf8)
        let lines = text.split(separator: "\n").filter { $0.contains("revoke request #\(request.id!) sent") }
        #expect(lines.count == 1, "\(text)")
        #expect(lines.first?.contains("axis-revoke") == true && lines.first?.contains("Sai nơi nhận") == true)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: receipt + ".json")))
                as? [String: Any])
        #expect((json["requests"] as? [Any])?.count == 1, "\(json)")
        let history = try world.store.events(of: world.original.id!).map(\.message)
        #expect(history.filter { $0.hasPrefix("revoke request #\(request.id!) sent") }.count == 1, "\(history)")
    }
}
