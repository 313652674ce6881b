import EdXML
import Foundation
import Testing

@testable import Inbound

@Suite struct DocumentSummaryTests {
    static func summary(number: String?, notation: String?, date: String?) -> DocumentSummary {
        let header = DocumentHeader(
            from: Organization(organId: "000.00.00.G22", organName: "Văn phòng Chính phủ"),
            code: .init(codeNumber: number, codeNotation: notation),
            promulgationInfo: .init(place: "Hà Nội", promulgationDate: date), subject: "V/v kết nối")
        return DocumentSummary(
            axisDocId: "d1", header: header, attachments: [], warnings: [],
            receivedAt: Date(timeIntervalSince1970: 1_795_638_600))
    }

    @Test func theInboxFolderIsNamedByDateAndNumberNotation() {
        #expect(Self.summary(number: "7816", notation: "VPCP-TTĐT", date: "2015/09/30").folderName
            == "2015-09-30_7816-VPCP-TTĐT")
        #expect(Self.summary(number: "12", notation: "UBND-VP", date: "2019-1-6").folderName == "2019-01-06_12-UBND-VP")
    }

    @Test func aMissingOrUnreadableDateFallsBackToTheDayReceived() {
        let folder = Self.summary(number: "1", notation: "A", date: "not a date").folderName
        #expect(folder.hasSuffix("_1-A"))
        #expect(folder.count == "yyyy-mm-dd_1-A".count)
    }

    @Test func theSummaryJSONCarriesTheHeaderAndTheAxisDocId() throws {
        let json = try JSONSerialization.jsonObject(
            with: Data(Self.summary(number: "7816", notation: "VPCP", date: "2015/09/30").json)) as? [String: Any]
        #expect(json?["axis_doc_id"] as? String == "d1")
        #expect(json?["code_notation"] as? String == "7816/VPCP")
        #expect((json?["header"] as? [String: Any])?["subject"] as? String == "V/v kết nối")
    }

    @Test func anUnwrappedAttachmentKeepsTheSendersNameWithTheRealExtension() {
        #expect(InboxWriter.nameForUnwrapped(manifestName: "QD-TTg.doc", entryName: "5f2c.doc") == "QD-TTg.doc")
        #expect(InboxWriter.nameForUnwrapped(manifestName: "Guide.SIGNED.PDF", entryName: "x.pdf") == "Guide.SIGNED.PDF")
        #expect(InboxWriter.nameForUnwrapped(manifestName: "scan", entryName: "a1.pdf") == "scan.pdf")
    }
}
