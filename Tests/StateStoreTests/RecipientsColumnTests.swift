import Foundation
import Testing

@testable import StateStore

/// The recipients column keeps the bytes `JSONEncoder` wrote, so rows written before and after read the same, and
/// only plain codes take the short way.
@Suite struct RecipientsColumnTests {
    static let lists: [[String]] = [
        [], [""], ["000.00.00.H26"], ["000.00.00.H26", "000.00.00.H14", "G12.34-x_y z"], ["a", ""],
        ["a/b"], ["q\"x", "y"], ["Sở Nội vụ"], ["a\",\"b"], ["back\\slash"], ["line\nbreak", "tab\t"],
    ]

    @Test(arguments: lists)
    func aListIsWrittenAsJSONEncoderWritesItAndReadBack(codes: [String]) throws {
        let written = try RecipientsColumn.encode(codes)
        #expect(written == String(decoding: try JSONEncoder().encode(codes), as: UTF8.self))
        #expect(RecipientsColumn.decode(written) == codes)
    }

    @Test func listsWrittenByOtherJSONWritersAreReadToo() {
        #expect(RecipientsColumn.decode(#"[ "a" , "b" ]"#) == ["a", "b"])
        #expect(RecipientsColumn.decode(#"["a" ,"b"]"#) == ["a", "b"])
        #expect(RecipientsColumn.decode(#"["\u0041"]"#) == ["A"])
    }

    @Test(arguments: [#"["]"#, "", "[", #"{"a":1}"#, "[1,2]", #"["a""#, "null"])
    func whatIsNotAListOfStringsIsRefused(text: String) {
        #expect(RecipientsColumn.decode(text) == nil)
    }
}
