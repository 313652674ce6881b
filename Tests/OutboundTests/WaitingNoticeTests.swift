import Foundation
import StateStore
import Testing

@testable import Outbound

/// `outbox/DANG-CHO-GUI.txt`: what a clerk reads while documents wait; Vietnamese first, file names and codes only.
@Suite struct WaitingNoticeTests {
    /// 2026-12-31T17:30:00Z is 00:30 on 1 January 2027 in Vietnam.
    static let newYear = Date(timeIntervalSince1970: 1_798_738_200)

    static func document(_ name: String, state: DocumentState, attempts: Int = 0, next: Date? = nil) -> DocumentRecord {
        var record = DocumentRecord(
            direction: .outbound, agency: "000.00.00.H41", fileName: name,
            sourcePath: "/srv/lienthong/h41/outbox/000.00.00.H26/\(name)", recipients: ["000.00.00.H26"],
            now: newYear)
        record.state = state
        record.attempts = attempts
        record.nextAttemptAt = next
        record.lastError = "sendEdoc: connect to /var/lib/lienthong/spool/out/7 failed"
        return record
    }

    @Test func vietnameseFirstThenEnglishWithVietnamTimesAndNoServerPaths() throws {
        let notice = WaitingNotice(
            documents: [
                Self.document(
                    "12_Giấy mời họp.pdf", state: .packaged, attempts: 3, next: Self.newYear.addingTimeInterval(300)),
                Self.document("13_Báo cáo.docx", state: .claimed),
            ], total: 2, reason: .signingKeyNotReady)
        let text = try #require(notice.text)
        let vietnamese = try #require(text.range(of: "VĂN BẢN ĐANG CHỜ GỬI: 2"))
        let english = try #require(text.range(of: "DOCUMENTS WAITING TO BE SENT: 2"))
        #expect(vietnamese.upperBound < english.lowerBound)
        #expect(
            text.contains(
                "- 12_Giấy mời họp.pdf → 000.00.00.H26: chờ gửi lên Trục liên thông, từ 00:30 01/01/2027, đã thử 3 lần, "
                    + "thử lại lúc 00:35 01/01/2027"), "\(text)")
        #expect(text.contains("- 13_Báo cáo.docx → 000.00.00.H26: waiting to be signed, since 00:30 01/01/2027"))
        #expect(text.contains("Lý do chung: khóa ký số (USB token)"), "\(text)")
        #expect(!text.contains("/srv/") && !text.contains("/var/") && !text.contains("spool"), "\(text)")
    }

    @Test func aLongQueueIsCountedAndAnEmptyOneRemovesTheNotice() throws {
        let many = (0..<WaitingNotice.listLimit).map { Self.document("cv-\($0).pdf", state: .detected) }
        let text = try #require(WaitingNotice(documents: many, total: 80, reason: nil).text)
        #expect(text.contains("- và 30 văn bản khác") && text.contains("- and 30 more"), "\(text)")
        #expect(!text.contains("Lý do chung"))
        #expect(WaitingNotice(documents: [], total: 0, reason: nil).text == nil)
    }

    @Test func publishingWritesTheNoticeThenRemovesItWhenNothingWaits() throws {
        let outbox = FileManager.default.temporaryDirectory.appendingPathComponent("notice-\(UUID())").path
        try FileManager.default.createDirectory(atPath: outbox, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: outbox) }
        let path = outbox + "/" + WaitingNotice.fileName
        try WaitingNotice(documents: [Self.document("a.pdf", state: .packaged)], total: 1, reason: nil).publish(
            in: outbox)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("a.pdf"))
        try WaitingNotice(documents: [], total: 0, reason: nil).publish(in: outbox)
        #expect(!FileManager.default.fileExists(atPath: path))
        try WaitingNotice(documents: [], total: 0, reason: nil).publish(in: outbox)
    }
}
