import Testing

@testable import Signing

@Suite struct PDFParserTests {
    private func parse(_ text: String) throws -> PDFObject {
        var parser = PDFParser(bytes: Array((text + "\n").utf8))
        return try parser.parseObject()
    }

    @Test func stringsNamesNumbersAndReferencesParseAsPDFDefines() throws {
        let object = try parse(
            "<< /A (x\\(y\\)\\101\\\n) /B <48 65 6C6C6F> /N#20ame 1 /R 12 0 R /F -.5 /L [1 2 R 3] /Z null >>")
        let dictionary = try #require(object.dictionary)
        #expect(dictionary["A"] == .string(Array("x(y)A".utf8)))
        #expect(dictionary["B"] == .string(Array("Hello".utf8)))
        #expect(dictionary["N ame"] == .integer(1))
        #expect(dictionary["R"] == .reference(PDFReference(number: 12, generation: 0)))
        #expect(dictionary["F"] == .real("-.5"))
        #expect(dictionary["L"] == .array([.reference(PDFReference(number: 1, generation: 2)), .integer(3)]))
        #expect(dictionary["Z"] == nil, "a null value means the key is absent")
    }

    @Test func serialisingAndParsingAgainGivesTheSameObject() throws {
        let object = try parse("<< /Type /Annot /T (Ch\\351 k\\375) /Rect [0 0 0.5 -1] /P 3 0 R /N#2Fx true >>")
        #expect(try parse(String(decoding: object.serialized, as: UTF8.self)) == object)
    }

    @Test func objectCutByTheEndOfTheWindowAsksForMoreBytes() throws {
        #expect(throws: PDFParser.Failure.truncated) { try parse("<< /Kids [1 0 R 2 0") }
        var parser = PDFParser(bytes: Array("[1 2".utf8))
        #expect(throws: PDFParser.Failure.truncated) { try parser.parseObject() }
    }

    @Test func sixtyFourLevelsParseAndSixtyFiveAreRefused() throws {
        func nested(_ levels: Int) -> [UInt8] {
            Array((String(repeating: "[", count: levels) + String(repeating: "]", count: levels) + "\n").utf8)
        }
        var allowed = PDFParser(bytes: nested(64))
        _ = try allowed.parseObject()
        var refused = PDFParser(bytes: nested(65))
        #expect(throws: PDFParser.Failure.tooDeep) { try refused.parseObject() }
    }
}
