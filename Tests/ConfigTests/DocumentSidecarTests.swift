import Foundation
import Testing

@testable import Config

@Suite struct DocumentSidecarTests {
    /// `Tests/ConfigTests/DocumentSidecarTests.swift` → repository root → `etc/lienthong/document.meta.example.yaml`.
    static let examplePath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("etc/lienthong/document.meta.example.yaml").path

    static func sidecarProblems(_ yaml: String) -> [ConfigProblem] {
        do {
            let sidecar = try DocumentSidecar.parse(yaml: yaml, sourceName: "x.pdf.meta.yaml")
            Issue.record("expected problems, got \(sidecar)")
            return []
        } catch {
            return error.problems
        }
    }

    @Test func theShippedExampleParsesWithItsDocumentedValues() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let sidecar = try DocumentSidecar.parse(yaml: text, sourceName: Self.examplePath)
        #expect(sidecar.number == "125")
        #expect(sidecar.notation == "UBND-VX")
        #expect(sidecar.date == "2026/11/20")
        #expect(sidecar.subject == "Về việc tổ chức hội nghị tổng kết năm 2026")
        #expect(sidecar.content == nil)
        #expect(sidecar.typeName == "Công văn")
        #expect(sidecar.documentType == 2)
        #expect(sidecar.signerName == "Nguyễn Văn A")
        #expect(sidecar.signerCompetence == "TM. Ủy ban nhân dân")
        #expect(sidecar.priority == 1)
        #expect(sidecar.steeringType == 0)
        #expect(sidecar.recipients == ["000.00.00.H26", "so-noi-vu"])
        #expect(sidecar.dueDate == nil)
        #expect(sidecar.pageAmount == 2)
    }

    @Test func theExampleDocumentsEveryKeyWithItsEnglishAlias() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        for (vietnamese, english) in DocumentSidecar.keys {
            #expect(text.contains("\n\(vietnamese):"), "the example does not set '\(vietnamese)'")
            #expect(text.contains("English: \(english))"), "the example does not name the alias '\(english)'")
        }
    }

    @Test func englishAliasesReadTheSameFields() throws {
        let sidecar = try DocumentSidecar.parse(
            yaml: """
                number: 7
                notation: SNV-TCBM
                date: 20/11/2026
                subject: Report
                type_name: Báo cáo
                priority: flash
                recipients: 000.00.00.H26+000.00.00.G22
                due_date: 2026-12-31
                """, sourceName: "x")
        #expect(
            sidecar
                == DocumentSidecar(
                    number: "7", notation: "SNV-TCBM", date: "2026/11/20", subject: "Report", typeName: "Báo cáo",
                    priority: 3, recipients: ["000.00.00.H26", "000.00.00.G22"], dueDate: "2026/12/31"))
    }

    @Test func aKeyGivenInBothLanguagesIsReported() {
        let problems = Self.sidecarProblems("so: 1\nnumber: 2\n")
        #expect(problems.count == 1)
        #expect(problems.first?.keyPath == "number")
        #expect(problems.first?.line == 2)
    }

    @Test func aMisspelledKeyIsReportedWithTheClosestValidKeyAndItsLine() {
        let problems = Self.sidecarProblems("so: 1\ntrich_yue: Họp\n")
        #expect(problems.count == 1)
        #expect(problems.first?.keyPath == "trich_yue")
        #expect(problems.first?.line == 2)
        #expect(problems.first?.message.contains("did you mean 'trich_yeu'") == true)
    }

    @Test func invalidValuesAreAllReportedInVietnameseAndEnglish() {
        let problems = Self.sidecarProblems(
            """
            ngay: 30/02/2026
            do_khan: rất gấp
            chi_dao: 5
            nhom_van_ban: 3
            noi_nhan: [000.00.00.H26/abc]
            """)
        #expect(problems.map(\.keyPath) == ["ngay", "do_khan", "chi_dao", "nhom_van_ban", "noi_nhan"])
        #expect(problems.map(\.line) == [1, 2, 3, 4, 5])
        #expect(problems.allSatisfy { $0.message.contains(" / ") })
    }

    @Test(arguments: [("khẩn", 1), ("Thượng khẩn", 2), ("hoa toc", 3), ("hoả tốc hẹn giờ", 4), ("thường", 0), ("4", 4)])
    func priorityWordsWithOrWithoutAccentsAreRead(text: String, value: Int) throws {
        #expect(try DocumentSidecar.parse(yaml: "do_khan: \(text)", sourceName: "x").priority == value)
    }

    @Test func aWholeNumberAndNotationInKyHieuIsSplit() throws {
        #expect(try DocumentSidecar.parse(yaml: "ky_hieu: 125/UBND-VX", sourceName: "x").number == "125")
        #expect(try DocumentSidecar.parse(yaml: "ky_hieu: 125/UBND-VX", sourceName: "x").notation == "UBND-VX")
        let repeated = try DocumentSidecar.parse(yaml: "so: 125\nky_hieu: 125/UBND-VX", sourceName: "x")
        #expect(repeated.notation == "UBND-VX")
        let different = try DocumentSidecar.parse(yaml: "so: 9\nky_hieu: 125/UBND-VX", sourceName: "x")
        #expect(different.number == "9" && different.notation == "125/UBND-VX")
    }

    @Test func anEmptyFileOrOnlyCommentsIsAnEmptySidecarAndABOMIsIgnored() throws {
        #expect(try DocumentSidecar.parse(yaml: "", sourceName: "x") == DocumentSidecar())
        #expect(try DocumentSidecar.parse(yaml: "# nothing\n", sourceName: "x") == DocumentSidecar())
        #expect(try DocumentSidecar.parse(yaml: "\u{FEFF}so: 3\n", sourceName: "x").number == "3")
    }

    @Test func brokenYAMLAndAListAtTheTopAreReportedWithALine() {
        #expect(Self.sidecarProblems("so: [1\n").first?.line != nil)
        #expect(Self.sidecarProblems("- so: 1\n").first?.message.contains("so: 125") == true)
    }

    @Test func decomposedVietnameseIsStoredComposed() throws {
        let nfd = "trich_yeu: Về việc họp".decomposedStringWithCanonicalMapping
        let sidecar = try DocumentSidecar.parse(yaml: nfd, sourceName: "x")
        #expect(sidecar.subject == "Về việc họp".precomposedStringWithCanonicalMapping)
    }

    @Test func theRenderedTemplateReadsBackToTheSameValuesWhateverTheText() throws {
        let full = DocumentSidecar(
            number: "125", notation: "UBND-VX", date: "2026/11/20", subject: "Về \"việc\" # họp: a\\b\tc\nd",
            content: "<b>&amp;</b>", typeName: "Công văn", documentType: 2, typeDetail: 7, signerName: "Nguyễn Văn A",
            signerPosition: "Chủ tịch", signerCompetence: "KT. Chủ tịch", place: "Nghệ An", priority: 4,
            steeringType: 2, recipients: ["000.00.00.H26", "so-noi-vu"], dueDate: "2026/12/31", pageAmount: 3,
            promulgationAmount: 10)
        #expect(try DocumentSidecar.parse(yaml: full.yamlText, sourceName: "x") == full)
        let partial = DocumentSidecar(subject: "Chỉ có trích yếu")
        #expect(try DocumentSidecar.parse(yaml: partial.yamlText, sourceName: "x") == partial)
        for (key, _) in DocumentSidecar.keys {
            #expect(partial.yamlText.contains("\n\(key): ") || partial.yamlText.hasPrefix("\(key): "))
        }
    }
}
