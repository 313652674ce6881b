import EdXML
import StateStore
import Testing

@testable import Outbound

/// The `Bussiness` block chosen for each kind of outbound document (axis-protocol.md section 4).
@Suite struct BusinessBlockTests {
    static let originalId = "000.00.00.H41,2026/11/20,125/UBND-VX"

    static func header(documentId: String = originalId, to recipients: [String]) -> DocumentHeader {
        var header = DocumentHeader(
            from: Organization(organId: "000.00.00.H41"), to: recipients.map { Organization(organId: $0) })
        header.documentId = documentId
        return header
    }

    static func concerned() -> DocumentRecord {
        var original = DocumentRecord(
            direction: .outbound, agency: "000.00.00.H41", fileName: "cv.pdf",
            recipients: ["000.00.00.H26", "000.00.00.H14"], edxmlDocumentId: originalId, axisDocId: "axis-1")
        original.id = 3
        return original
    }

    static func request(_ type: String, reason: String?) -> DocumentRecord {
        var request = DocumentRecord(
            direction: .outbound, agency: "000.00.00.H41", fileName: "cv.pdf",
            recipients: ["000.00.00.H26", "000.00.00.H14"])
        request.businessDocType = type
        request.businessDocumentId = originalId
        request.relatedDocumentId = 3
        request.businessReason = reason
        return request
    }

    @Test func aNewDocumentCarriesTypeZeroWithItsOwnDocumentId() {
        let document = DocumentRecord(direction: .outbound, agency: "000.00.00.H41", fileName: "cv.pdf")
        let header = Self.header(documentId: "000.00.00.H41,2026/11/21,7/UBND-VX", to: ["000.00.00.H26"])
        let block = BusinessBlock.info(for: document, header: header, concerned: nil)
        #expect(block == .newDocument(documentId: "000.00.00.H41,2026/11/21,7/UBND-VX"))
        #expect(block.docTypeKind == .new)
    }

    @Test func aRevokeCarriesTypeOneTheReasonAndTheRevokedDocumentId() {
        let block = BusinessBlock.info(
            for: Self.request("1", reason: "Sai nơi nhận"), header: Self.header(to: ["000.00.00.H26"]),
            concerned: Self.concerned())
        #expect(block.docTypeKind == .revoke)
        #expect(block.docReason == "Sai nơi nhận")
        #expect(block.documentId == Self.originalId)
        #expect(block.paper == "0")
        #expect(block.documentInfo == nil && block.replacements.isEmpty)
    }

    @Test func anUpdateListsItsRecipientsAndSaysWhetherTheyChanged() {
        let same = BusinessBlock.info(
            for: Self.request("2", reason: "Sửa lỗi chính tả"),
            header: Self.header(to: ["000.00.00.H14", "000.00.00.H26"]), concerned: Self.concerned())
        #expect(same.docTypeKind == .update)
        #expect(same.documentId == Self.originalId)
        #expect(same.docReason == "Sửa lỗi chính tả")
        #expect(same.documentInfo?.documentReceiver == "0")
        #expect(same.documentInfo?.receivers.map(\.organId) == ["000.00.00.H14", "000.00.00.H26"])
        let changed = BusinessBlock.info(
            for: Self.request("2", reason: "Thêm nơi nhận"),
            header: Self.header(to: ["000.00.00.H26", "000.00.00.H14", "000.00.00.G22"]), concerned: Self.concerned())
        #expect(changed.documentInfo?.documentReceiver == "1")
    }

    @Test func aReplacementNamesTheReplacedDocumentAndWhoReceivedIt() {
        let newId = "000.00.00.H41,2026/11/22,126/UBND-VX"
        let block = BusinessBlock.info(
            for: Self.request("3", reason: nil), header: Self.header(documentId: newId, to: ["000.00.00.H26"]),
            concerned: Self.concerned())
        #expect(block.docTypeKind == .replace)
        #expect(block.documentId == newId)
        #expect(block.docReason == BusinessBlock.defaultReplacementReason)
        #expect(
            block.replacements == [
                BusinessInfo.ReplacementInfo(documentId: Self.originalId, organIds: ["000.00.00.H26", "000.00.00.H14"])
            ])
    }
}
