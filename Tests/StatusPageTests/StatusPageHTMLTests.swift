import Foundation
import Testing

@testable import Daemon
@testable import StatusPage

/// The page `/`: every value escaped, Vietnamese first and English below, and something to read when all is well.
@Suite struct StatusPageHTMLTests {
    static let hostile = "<script>alert('x')</script> & \"quoted\""

    @Test func hostileFileNamesReasonsAndReasonFilesAreEscaped() {
        var quarantined = ReportFixture.document(
            id: 7, direction: "inbound", fileName: "<img src=x onerror=alert(1)>.pdf", state: "quarantined",
            reason: Self.hostile)
        quarantined.location = "/srv/lienthong/h41/quarantine/<b>"
        quarantined.reasonFile = "Văn bản bị cách ly: </pre><script>steal()</script>\nQuarantined."
        let report = ReportFixture.report(
            agencies: [ReportFixture.agency(needsAPerson: 1, name: "<i>Sở</i>")], needsAPerson: [quarantined])
        let html = StatusPageHTML(report: report, languages: [.vietnamese, .english]).render()

        #expect(!html.contains("<script"), "\(html)")
        #expect(!html.contains("<img"))
        #expect(!html.contains("<i>Sở"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(html.contains("&lt;/pre&gt;&lt;script&gt;steal()&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;.pdf"))
    }

    @Test func vietnameseComesFirstThenEnglishAndLangPicksOne() {
        let report = ReportFixture.report()
        let both = StatusPageHTML(report: report, languages: PageLanguage.shown(for: nil)).render()
        let vietnamese = both.range(of: "Trạng thái liên thông văn bản")
        let english = both.range(of: "Document exchange status")
        #expect(vietnamese != nil && english != nil)
        if let vietnamese, let english { #expect(vietnamese.lowerBound < english.lowerBound) }
        #expect(both.contains("<html lang=\"vi\">"))

        let englishOnly = StatusPageHTML(report: report, languages: PageLanguage.shown(for: "en")).render()
        #expect(englishOnly.contains("Document exchange status"))
        #expect(!englishOnly.contains("Trạng thái liên thông văn bản"))
        #expect(englishOnly.contains("<html lang=\"en\">"))
        #expect(PageLanguage.shown(for: "fr") == [.vietnamese, .english])
    }

    @Test func vietnameseTextFromTheReportIsKeptAsWritten() {
        let waiting = ReportFixture.document(
            id: 3, fileName: "12_Giấy mời họp.pdf", state: "packaged", reason: "trục không trả lời")
        let report = ReportFixture.report(
            agencies: [ReportFixture.agency(waiting: ["packaged": 1])], waiting: [waiting])
        let html = StatusPageHTML(report: report, languages: [.vietnamese]).render()
        #expect(html.contains("12_Giấy mời họp.pdf"))
        #expect(html.contains("trục không trả lời"))
        #expect(html.contains("UBND tỉnh Nghệ An"))
        #expect(html.contains("packaged (đã đóng gói, chờ gửi)"))
        #expect(html.contains("data-count=\"waiting\">1</strong>"))
    }

    @Test func anEmptyInstallationSaysNothingWaitsInBothLanguages() {
        let html = StatusPageHTML(report: ReportFixture.report(), languages: [.vietnamese, .english]).render()
        #expect(html.contains("Không có văn bản nào đang chờ."))
        #expect(html.contains("Nothing is waiting."))
        #expect(html.contains("Không có văn bản lỗi hay bị cách ly."))
        #expect(html.contains("No failed or quarantined document."))
        #expect(html.contains("data-count=\"needs-a-person\">0</strong>"))
        #expect(html.contains("<meta http-equiv=\"refresh\" content=\"10\">"))
        #expect(html.contains("<link rel=\"stylesheet\" href=\"/style.css\">"))
        #expect(!html.contains("style=\""), "inline styles would need 'unsafe-inline'")
    }

    @Test func recentDocumentsShowTheirStatusesInWords() {
        var sent = ReportFixture.document(id: 9, fileName: "9_Công văn.pdf", state: "filed")
        sent.counterpart = "000.00.00.H26"
        sent.statuses = [
            .init(code: "01", from: "000.00.00.H26", at: ReportFixture.now, state: "received"),
            .init(code: "03", from: "000.00.00.H26", at: ReportFixture.now, state: "received"),
        ]
        let report = ReportFixture.report(recent: [sent])
        let html = StatusPageHTML(report: report, languages: [.vietnamese, .english]).render()
        #expect(html.contains("01 đã đến (000.00.00.H26, "))
        #expect(html.contains("03 đã tiếp nhận (000.00.00.H26, "))
        #expect(html.contains("03 accepted (000.00.00.H26, "))
        #expect(html.contains("Văn bản gửi gần nhất (1)"))
        #expect(html.contains("Văn bản nhận gần nhất (0)"))
    }

    @Test func anAbsentTokenIsTrouble() {
        let report = ReportFixture.report(signingKey: .init(kind: "token", tokenPresent: false))
        let html = StatusPageHTML(report: report, languages: [.english]).render()
        #expect(html.contains("token NOT present"))
        #expect(html.contains("class=\"key trouble\""))
    }

    @Test func escapingCoversTheFiveSpecialCharacters() {
        #expect("<>&\"'ắ".htmlEscaped == "&lt;&gt;&amp;&quot;&#39;ắ")
    }
}
