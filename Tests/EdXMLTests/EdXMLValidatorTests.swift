import EdXML
import Foundation
import Testing

@Suite struct EdXMLValidatorTests {
    /// 2026-11-24 20:30 UTC: already 25 November in Vietnam.
    static let now = Date(timeIntervalSince1970: 1_795_552_200)
    static let validator = EdXMLValidator(now: now)

    static func valid() -> DocumentHeader {
        DocumentHeader(
            from: Organization(organId: "000.00.00.H41", organName: "UBND tỉnh Nghệ An"),
            to: [Organization(organId: "000.00.00.H26")],
            code: .init(codeNumber: "125", codeNotation: "UBND-VX"),
            promulgationInfo: .init(place: "Nghệ An", promulgationDate: "2026/11/25"),
            documentType: .init(type: "1", typeDetail: "0", typeName: "Công văn"),
            subject: "Về việc tổ chức hội nghị",
            otherInfo: .init(priority: "0"),
            steeringType: "0")
    }

    static func fields(_ header: DocumentHeader, attachments: [String] = []) -> [HeaderProblem.Field] {
        validator.problems(in: header, attachmentNames: attachments).map(\.field)
    }

    @Test func aCompleteHeaderHasNoProblem() throws {
        #expect(Self.validator.problems(in: Self.valid(), attachmentNames: ["a.pdf"]).isEmpty)
        try Self.validator.validate(Self.valid())
    }

    @Test(arguments: [nil, "", "   "])
    func aMissingSubjectIsNamedInTheClerksTerms(subject: String?) throws {
        var header = Self.valid()
        header.subject = subject
        let problems = Self.validator.problems(in: header)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.field == .subject)
        #expect(problem.description.hasPrefix("Trích yếu (subject): chưa có"))
        #expect(problem.englishText.hasPrefix("Subject (trích yếu): missing"))
    }

    @Test func missingNumberNotationDateTypeAndTypeNameAreEachReported() {
        var header = Self.valid()
        header.code = nil
        header.promulgationInfo = nil
        header.documentType = nil
        #expect(
            Self.fields(header) == [.codeNumber, .codeNotation, .promulgationDate, .documentType, .typeName])
    }

    @Test(arguments: ["2026-11-25", "25/11/2026", "2026/13/01", "2026/02/29", "2026/11/5", "hôm nay"])
    func aDateThatIsNotARealYearMonthDayIsInvalid(date: String) throws {
        var header = Self.valid()
        header.promulgationInfo?.promulgationDate = date
        let problem = try #require(Self.validator.problems(in: header).first)
        #expect(problem.field == .promulgationDate)
        #expect(problem.english.contains("yyyy/MM/dd"))
    }

    @Test func aLeapDayIsAValidDate() {
        #expect(EdXMLValidator.isCalendarDate("2024/02/29"))
        #expect(!EdXMLValidator.isCalendarDate("2100/02/29"))
    }

    @Test func tomorrowInVietnamIsInTheFutureButTodayInVietnamIsNot() throws {
        // At 20:30 UTC on the 24th it is already the 25th in Vietnam, but not yet the 26th.
        var header = Self.valid()
        header.promulgationInfo?.promulgationDate = "2026/11/25"
        #expect(Self.validator.problems(in: header).isEmpty)
        header.promulgationInfo?.promulgationDate = "2026/11/26"
        let problem = try #require(Self.validator.problems(in: header).first)
        #expect(problem.field == .promulgationDate)
        #expect(problem.english.contains("future"))
        #expect(problem.vietnamese.contains("tương lai"))
    }

    @Test(arguments: ["0", "3", "x", "1.0"])
    func theDocumentGroupMustBeOneOrTwo(type: String) {
        var header = Self.valid()
        header.documentType?.type = type
        #expect(Self.fields(header) == [.documentType])
    }

    @Test func priorityZeroToFourIsAcceptedAndFiveIsNot() {
        var header = Self.valid()
        for value in ["0", "1", "2", "3", "4"] {
            header.otherInfo?.priority = value
            #expect(Self.fields(header).isEmpty, "priority \(value)")
        }
        for value in ["5", "-1", "khẩn"] {
            header.otherInfo?.priority = value
            #expect(Self.fields(header) == [.priority], "priority \(value)")
        }
    }

    @Test func steeringTypeZeroToTwoIsAcceptedAndThreeIsNot() {
        var header = Self.valid()
        header.steeringType = "2"
        #expect(Self.fields(header).isEmpty)
        header.steeringType = "3"
        #expect(Self.fields(header) == [.steeringType])
    }

    @Test func noRecipientOrARecipientWithoutCodeIsAProblem() {
        var header = Self.valid()
        header.to = []
        #expect(Self.fields(header) == [.recipients])
        header.to = [Organization(organId: "000.00.00.H26"), Organization(organId: "")]
        #expect(Self.fields(header) == [.recipients])
    }

    @Test func lengthsAreCheckedAtTheirLimitsInCharactersNotBytes() {
        var header = Self.valid()
        header.subject = String(repeating: "ệ", count: 500)
        header.content = String(repeating: "ệ", count: 500)
        header.code = .init(
            codeNumber: String(repeating: "1", count: 11), codeNotation: String(repeating: "Đ", count: 30))
        header.from.organName = String(repeating: "Ủ", count: 200)
        #expect(Self.fields(header, attachments: [String(repeating: "ả", count: 500)]).isEmpty)

        header.subject! += "x"
        header.content! += "x"
        header.code = .init(
            codeNumber: String(repeating: "1", count: 12), codeNotation: String(repeating: "Đ", count: 31))
        header.from.organName! += "x"
        header.to[0].organName = String(repeating: "a", count: 201)
        let problems = Self.validator.problems(in: header, attachmentNames: [String(repeating: "ả", count: 501)])
        #expect(
            problems.map(\.field)
                == [.senderName, .codeNumber, .codeNotation, .subject, .content, .recipientName, .attachmentName])
        #expect(problems.allSatisfy { $0.english.contains("characters long") && $0.vietnamese.contains("ký tự") })
    }

    @Test func aNumberWithASlashOrCommaAndANotationWithACommaWouldBreakTheDocumentId() {
        var header = Self.valid()
        header.code = .init(codeNumber: "125/UBND", codeNotation: "UBND,VX")
        #expect(Self.fields(header) == [.codeNumber, .codeNotation])
    }

    @Test func validateThrowsEveryProblemAtOnce() {
        var header = Self.valid()
        header.subject = nil
        header.code = nil
        #expect(throws: HeaderValidationError.self) { try Self.validator.validate(header) }
        do {
            try Self.validator.validate(header)
        } catch {
            #expect(error.problems.map(\.field) == [.codeNumber, .codeNotation, .subject])
            #expect(error.description.contains("Code/CodeNumber"))
        }
    }

    @Test func everyFieldHasAVietnameseAndAnEnglishName() {
        for field in HeaderProblem.Field.allCases {
            #expect(!field.vietnamese.isEmpty && !field.english.isEmpty && !field.element.isEmpty)
            #expect(field.vietnamese != field.english)
        }
    }
}
