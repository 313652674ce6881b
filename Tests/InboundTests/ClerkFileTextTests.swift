import Config
import Foundation
import StateStore
import Testing

@testable import Inbound

/// The inbound side's files for clerks: Vietnamese first and Vietnamese only in its paragraph, then English, and no
/// path of the server.
@Suite struct ClerkFileTextTests {
    static let spoolPath = "/var/lib/lienthong/spool/in/12/envelope.edxml"

    @Test func anEnglishOnlyReasonGetsAVietnameseParagraphFirstAndLosesItsPaths() {
        let text = QuarantineNotice(reason: "the envelope is not acceptable edXML: \(Self.spoolPath): DOCTYPE").text
        let paragraphs = text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 2, "\(text)")
        #expect(paragraphs[0].hasPrefix("Văn bản đến bị cách ly"), "\(text)")
        #expect(!paragraphs[0].contains("envelope") && !paragraphs[0].contains("DOCTYPE"), "\(text)")
        #expect(paragraphs[1].hasPrefix("A received document was quarantined"), "\(text)")
        #expect(paragraphs[1].contains("the envelope is not acceptable edXML: [server file]: DOCTYPE"), "\(text)")
        #expect(!text.contains("/var/lib") && !text.contains("spool"), "\(text)")
    }

    @Test func aBilingualReasonIsSplitBetweenTheTwoParagraphsWithItsDetailLines() {
        let reason = """
            Chữ ký số bị phá vỡ: a.pdf.
              a.pdf (Sig1): trang bị sửa.
            Broken digital signature: a.pdf.
              a.pdf (Sig1): a page was changed.
            """
        let paragraphs = QuarantineNotice(reason: reason).text.components(separatedBy: "\n\n")
        #expect(paragraphs.count == 2)
        #expect(paragraphs[0].hasSuffix("Chữ ký số bị phá vỡ: a.pdf.\n  a.pdf (Sig1): trang bị sửa."), "\(paragraphs)")
        #expect(paragraphs[1].contains("Broken digital signature: a.pdf.\n  a.pdf (Sig1): a page was changed."))
        #expect(!paragraphs[0].contains("Broken"))
    }

    @Test func theUnreadableReasonKeepsItsEnglishDetailOutOfTheVietnameseLine() {
        let reason = InboundPipeline.unreadableReason(fetches: 3, detail: "empty reply at \(Self.spoolPath)")
        let paragraphs = QuarantineNotice(reason: reason).text.components(separatedBy: "\n\n")
        #expect(!paragraphs[0].contains("empty reply"), "\(paragraphs)")
        #expect(paragraphs[1].contains("empty reply at [server file]"), "\(paragraphs)")
    }

    @Test func aStatusLineInAReceiptIsVietnameseThenEnglishInTheAgencysZone() throws {
        let tokyo = try #require(CivilTimeZone(identifier: "Asia/Tokyo"))
        let line = ReceiptStatusLog.line(StatusNote(code: "03", sender: "000.00.00.H26"), description: "Đã tiếp nhận")
        #expect(
            line
                == "trạng thái 03 (Đã tiếp nhận) từ 000.00.00.H26 / status 03 from 000.00.00.H26 "
                + "(accepted and registered): Đã tiếp nhận")
        #expect(
            ReceiptStatusLog.line(StatusNote(code: "01", sender: "X"), description: "").hasPrefix(
                "trạng thái 01 (Đã đến)"))
        #expect(
            ReceiptStatusLog.line(StatusNote(code: "99", sender: "X"), description: "?")
                == "trạng thái 99 từ X / status 99 from X: ?")
        #expect(tokyo.restamp(vietnamTime: "2026/11/25 22:30:00") == "2026/11/26 00:30:00")
    }

    @Test func anUnreadableAnswerRequestNamesNoServerPath() {
        let problem = AnswerRequestProblem.unreadable(
            "/srv/lienthong/h26/inbox/000.00.00.H41/2026-11-25_12-UBND/answer-02.txt is a symbolic link")
        let explanation = AnswerRequestScanner.explanation(problem)
        #expect(!explanation.contains("/srv/"), "\(explanation)")
        let vietnamese = explanation.range(of: "KHÔNG gửi trạng thái này.")
        let english = explanation.range(of: "This status was NOT sent")
        #expect(vietnamese != nil && english != nil && vietnamese!.upperBound < english!.lowerBound, "\(explanation)")
    }
}
