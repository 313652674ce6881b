import Config
import Foundation
import StateStore
import Testing

@testable import Outbound

@Suite struct OutboundMetadataTests {
    static let agency = AgencyConfig(
        code: "000.00.00.H41", name: "UBND tỉnh Nghệ An", address: "Số 03, đường Trường Thi, Vinh",
        email: "nghean@gov.vn", folders: AgencyFolders(root: "/srv/lienthong/h41"),
        defaults: DocumentDefaults(codeNotation: "UBND-VP", place: "Nghệ An", signerFullName: "Nguyễn Văn A"))

    static func document(id: Int64, name: String) -> DocumentRecord {
        var record = DocumentRecord(
            direction: .outbound, agency: agency.code, fileName: name, recipients: ["000.00.00.H26", "000.00.00.G22"])
        record.id = id
        return record
    }

    @Test func theHeaderNamesTheAgencyTheRecipientsAndADocumentIdInTheAxisFormat() throws {
        // 2026-11-24 20:30 UTC is already 25 November in Vietnam.
        let date = Date(timeIntervalSince1970: 1_795_552_200)
        var document = Self.document(id: 7, name: "Báo cáo quý.pdf")
        document.createdAt = date
        let metadata = OutboundMetadata(
            agency: Self.agency, document: document, sidecar: .read(DocumentSidecar(number: "42")), now: date)
        let (header, resolution) = try metadata.completeHeader()
        #expect(header.from.organId == "000.00.00.H41")
        #expect(header.from.organName == "UBND tỉnh Nghệ An")
        #expect(header.to.map(\.organId) == ["000.00.00.H26", "000.00.00.G22"])
        #expect(header.documentId == "000.00.00.H41,2026/11/25,42/UBND-VP")
        #expect(header.code?.codeNumber == "42")
        #expect(header.code?.codeNotation == "UBND-VP")
        #expect(header.subject == "Báo cáo quý")
        #expect(header.promulgationInfo?.place == "Nghệ An")
        #expect(header.documentType?.typeName == "Công văn")
        #expect(header.signerInfo?.fullName == "Nguyễn Văn A")
        #expect(resolution.codeNotation == "42/UBND-VP")
    }

    @Test func aNotationThatCannotFormADocumentIdIsAnError() {
        var agency = Self.agency
        agency.defaults.codeNotation = "A,B"
        let metadata = OutboundMetadata(
            agency: agency, document: Self.document(id: 1, name: "x.pdf"), sidecar: .read(DocumentSidecar(number: "1")))
        #expect(metadata.resolve().problems.map(\.field) == [.codeNotation])
        #expect(throws: OutboundFailure.self) { try metadata.completeHeader() }
    }

    @Test func mediaTypesFollowTheExtensionWhateverItsCase() {
        #expect(MediaType.of(fileName: "A.PDF") == "application/pdf")
        #expect(MediaType.of(fileName: "bien-ban.docx").hasPrefix("application/vnd.openxmlformats"))
        #expect(MediaType.of(fileName: "no-extension") == "application/octet-stream")
    }
}
