import EdXML
import Foundation
import StateStore
import Testing

@testable import Inbound

@Suite struct BusinessNoticeTests {
    static let earlierId = "000.00.00.H41,2026/11/20,12/UBND-VP"

    /// Writes a document with `business` through the real edXML writer and reads it back, as the pipeline would.
    static func received(_ business: BusinessInfo) throws -> EdXMLMessage {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("notice-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let header = DocumentHeader(
            from: Organization(organId: "000.00.00.H41", organName: "UBND tỉnh Nghệ An"),
            to: [Organization(organId: "000.00.00.H26")], documentId: "000.00.00.H41,2026/11/25,15/UBND-VP",
            code: .init(codeNumber: "15", codeNotation: "UBND-VP"),
            promulgationInfo: .init(place: "Vinh", promulgationDate: "2026/11/25"), subject: "Thu hồi văn bản")
        let path = directory.appendingPathComponent("m.edxml").path
        try EdXMLWriter().writeDocument(header: header, traces: [], business: business, attachments: [], to: path)
        let attachments = directory.appendingPathComponent("att").path
        try FileManager.default.createDirectory(atPath: attachments, withIntermediateDirectories: true)
        return try EdXMLReader().read(from: path, attachmentDirectory: attachments)
    }

    static func earlierRecord() -> DocumentRecord {
        var record = DocumentRecord(
            direction: .inbound, agency: "000.00.00.H26", fileName: "a.pdf", codeNotation: "12/UBND-VP",
            edxmlDocumentId: earlierId, axisDocId: "ax-12")
        record.id = 12
        record.destinationPath = "/srv/h26/inbox/000.00.00.H41/2026-11-20_12-UBND-VP"
        return record
    }

    @Test func aRevokeNoticeSaysWhatIsAskedWhyForWhichDocumentWhereItIsAndHowToAnswer() throws {
        let message = try Self.received(
            BusinessInfo(documentId: Self.earlierId, docType: "1", docReason: "Ban hành nhầm đối tượng", paper: "0"))
        let header = try #require(message.document)
        var looked: [String] = []
        let notice = try #require(
            BusinessNotice(business: message.business, header: header, requestId: 31) { id in
                looked.append(id)
                return id == Self.earlierId ? Self.earlierRecord() : nil
            })
        #expect(looked == [Self.earlierId])
        let text = notice.text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "THÔNG BÁO: YÊU CẦU THU HỒI VĂN BẢN" && lines[1] == "NOTICE: REQUEST TO REVOKE A DOCUMENT")
        #expect(text.contains("UBND tỉnh Nghệ An (000.00.00.H41) yêu cầu thu hồi"))
        #expect(text.contains("asks to revoke a document it sent earlier"))
        #expect(text.contains("Lý do / Reason: Ban hành nhầm đối tượng"))
        #expect(text.contains("DocumentId:          \(Self.earlierId)"))
        #expect(text.contains("Number, notation:   12/UBND-VP"))
        #expect(text.contains("Date:             2026/11/20"))
        #expect(text.contains("Delivered to:       inbox/000.00.00.H41/2026-11-20_12-UBND-VP (#12)"), "\(text)")
        #expect(!text.contains("/srv/"), "a server path in a clerk's notice:\n\(text)")
        #expect(text.contains("lienthong answer 31 15") && text.contains("lienthong answer 31 16 --reason"))
        #expect(text.contains("answer-15.txt") && text.contains("answer-16.txt"))
        let vietnamese = try #require(text.range(of: "Đồng ý:"))
        let english = try #require(text.range(of: "Agree:"))
        #expect(vietnamese.lowerBound < english.lowerBound)
        #expect(notice.earlierFolderText.contains("asks to revoke the document in this folder"))
        #expect(notice.earlierFolderText.contains("#31 (15/UBND-VP)"))
    }

    @Test func aReplacementNamesEveryReplacedDocumentAndSaysWhenWeNeverReceivedOne() throws {
        let message = try Self.received(
            BusinessInfo(
                documentId: "000.00.00.H41,2026/11/25,15/UBND-VP", docType: "3", docReason: "Sai số liệu",
                replacements: [
                    .init(documentId: Self.earlierId, organIds: ["000.00.00.H26"]),
                    .init(documentId: "000.00.00.H41,2026/10/01,9/UBND-VP", organIds: ["000.00.00.H26"]),
                ]))
        let header = try #require(message.document)
        let notice = try #require(
            BusinessNotice(business: message.business, header: header, requestId: 40) {
                $0 == Self.earlierId ? Self.earlierRecord() : nil
            })
        #expect(notice.kind == .replace)
        #expect(notice.earlier.map(\.documentId) == [Self.earlierId, "000.00.00.H41,2026/10/01,9/UBND-VP"])
        #expect(notice.text.contains("thay thế văn bản đã gửi trước đây"))
        #expect(notice.text.contains("replace a document it sent earlier"))
        #expect(notice.text.contains("Number, notation:   9/UBND-VP"))
        #expect(notice.text.contains("not received by lienthong"))
    }

    @Test func anUpdateSaysWhatChanged() throws {
        let message = try Self.received(
            BusinessInfo(
                documentId: Self.earlierId, docType: "2", docReason: "Đính chính ngày hiệu lực",
                documentInfo: .init(documentInfo: "Ngày hiệu lực", receivers: [.init(organId: "000.00.00.H26")])))
        let header = try #require(message.document)
        let notice = try #require(
            BusinessNotice(business: message.business, header: header, requestId: 41) { _ in nil })
        #expect(notice.text.hasPrefix("THÔNG BÁO: YÊU CẦU CẬP NHẬT VĂN BẢN\nNOTICE: REQUEST TO UPDATE A DOCUMENT\n"))
        #expect(notice.text.contains("Nội dung thay đổi / What changed: Ngày hiệu lực"))
        #expect(notice.text.contains("Agencies concerned: 000.00.00.H26"))
    }

    @Test func aNewDocumentHasNoNotice() throws {
        let message = try Self.received(.newDocument(documentId: "x"))
        let header = try #require(message.document)
        #expect(BusinessNotice(business: message.business, header: header, requestId: 1) { _ in nil } == nil)
        #expect(BusinessNotice(business: nil, header: header, requestId: 1) { _ in nil } == nil)
    }

    @Test func documentJSONAndTextCarryTheBusinessBlock() throws {
        let business = BusinessInfo(documentId: Self.earlierId, docType: "1", docReason: "Ban hành nhầm", paper: "0")
        let message = try Self.received(business)
        let summary = DocumentSummary(
            axisDocId: "ax-31", header: try #require(message.document), attachments: [], warnings: [],
            receivedAt: Date(), business: message.business)
        let json = try JSONSerialization.jsonObject(with: Data(summary.json)) as? [String: Any]
        let block = try #require(json?["business"] as? [String: Any])
        #expect(block["docType"] as? String == "1" || block["doc_type"] as? String == "1", "\(block)")
        #expect(summary.text.contains("Yêu cầu / Request:             thu hồi / revoke (THONG-BAO.txt)"))
        #expect(summary.text.contains("Văn bản liên quan / Concerns:  \(Self.earlierId)"))
        #expect(summary.text.contains("Lý do / Reason:                Ban hành nhầm"))
    }
}
