import Foundation
import Testing

@testable import Config

@Suite struct FilenamePatternTests {
    static let standard = try! FilenamePattern("{number}-{notation}_{date}_{subject}")

    @Test func theUsualPatternReadsNumberNotationWithDashesDateAndSubject() throws {
        let match = try #require(Self.standard.match(fileName: "125-UBND-VX_2026-11-20_Về việc họp giao ban.pdf"))
        #expect(match.number == "125")
        #expect(match.notation == "UBND-VX")
        #expect(match.date == "2026/11/20")
        #expect(match.subject == "Về việc họp giao ban")
    }

    @Test func aSubjectMayContainTheSeparatorsAndDots() throws {
        let match = try #require(Self.standard.match(fileName: "7-SNV_2026-01-05_Báo cáo_quý 4. Năm 2025.docx"))
        #expect(match.subject == "Báo cáo_quý 4. Năm 2025")
        #expect(match.notation == "SNV")
    }

    @Test func aNameInNFDFromAMacIsReadInNFC() throws {
        let nfd = "12-UBND-VX_2026-11-20_Trích yếu.pdf".decomposedStringWithCanonicalMapping
        let match = try #require(Self.standard.match(fileName: nfd))
        #expect(match.subject == "Trích yếu".precomposedStringWithCanonicalMapping)
        #expect(
            match.subject?.unicodeScalars.count
                == "Trích yếu".precomposedStringWithCanonicalMapping.unicodeScalars.count)
    }

    @Test(arguments: [
        "Công văn 12.pdf", "125-UBND-VX_20-11-2026_Họp.pdf", "125-UBND-VX_2026-02-30_Họp.pdf",
        "-UBND-VX_2026-11-20_Họp.pdf", "125-UBND-VX_2026-11-20_.pdf",
    ])
    func aNameThatDoesNotFollowThePatternOrHasAnImpossibleDateGivesNothing(name: String) {
        #expect(Self.standard.match(fileName: name) == nil)
    }

    @Test func aDayFirstDateAndALiteralExtensionAreSupported() throws {
        let pattern = try FilenamePattern("CV {number} ({dd-mm-yyyy}) {subject}.pdf")
        let match = try #require(pattern.match(fileName: "CV 34 (5-3-2026) Mời họp.pdf"))
        #expect(match.number == "34")
        #expect(match.date == "2026/03/05")
        #expect(match.subject == "Mời họp")
        #expect(match.notation == nil)
        #expect(pattern.match(fileName: "CV 34 (5-3-2026) Mời họp.docx") == nil)
    }

    @Test(arguments: [
        ("{number}{notation}", "touch"), ("{numbr}-{subject}", "unknown placeholder"),
        ("no placeholder", "no placeholder"),
        ("{number}-{number}", "more than once"), ("{date}-{dd-mm-yyyy}", "more than once"), ("{number", "never closed"),
        ("a/{number}", "'/'"),
    ])
    func aBadTemplateSaysWhatIsWrong(template: String, expected: String) {
        #expect(throws: FilenamePatternError.self) { try FilenamePattern(template) }
        do {
            _ = try FilenamePattern(template)
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func theExampleNameMatchesItsOwnPattern() throws {
        let name = Self.standard.example(
            number: "125", notation: "UBND/VX", date: "2026/11/20", subject: "Họp", fileExtension: "pdf")
        #expect(name == "125-UBND-VX_2026-11-20_Họp.pdf")
        #expect(Self.standard.match(fileName: name)?.number == "125")
    }

    @Test func aHostileNameFullOfSeparatorsIsDecidedQuickly() {
        let name = String(repeating: "-_", count: 120) + ".pdf"
        let start = ContinuousClock.now
        #expect(Self.standard.match(fileName: name) == nil)
        #expect(ContinuousClock.now - start < .seconds(2))
    }

    @Test(arguments: [
        ("2026-11-20", "2026/11/20"), ("2026/1/5", "2026/01/05"), ("20/11/2026", "2026/11/20"),
        ("5.3.2026", "2026/03/05"), ("29/02/2024", "2024/02/29"),
    ])
    func datesAreAcceptedYearFirstOrDayFirst(text: String, wire: String) {
        #expect(CalendarDateSyntax.wireDate(from: text) == wire)
    }

    @Test(arguments: ["29/02/2026", "2026-13-01", "2026-11", "20/11/26", "hôm nay", "2026-11-20-01"])
    func impossibleOrAmbiguousDatesAreRefused(text: String) {
        #expect(CalendarDateSyntax.wireDate(from: text) == nil)
    }
}
