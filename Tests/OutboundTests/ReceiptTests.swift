import Config
import Foundation
import StateStore
import Testing

@testable import Outbound
@testable import SystemSupport

/// What a receipt's JSON holds is written by `PrettyJSON`, not handed to `JSONSerialization`: a value `PrettyJSON`
/// does not take (an `Int64` id was one) sends every receipt down the slower path without anything looking wrong.
@Suite struct ReceiptTests {
    static func receipt(of document: DocumentRecord) -> Receipt {
        Receipt(
            document: document, sentAt: Date(timeIntervalSince1970: 1_798_736_399),
            filedAt: Date(timeIntervalSince1970: 1_798_736_400), timeZone: .vietnam)
    }

    static func document() -> DocumentRecord {
        var document = DocumentRecord(
            direction: .outbound, agency: "000.00.00.H41", fileName: "Công văn 125.pdf",
            sha256: String(repeating: "ab", count: 32), recipients: ["000.00.00.H26", "000.00.00.H14"],
            codeNotation: "125/UBND-VX", edxmlDocumentId: "000.00.00.H41,2026/12/31,125/UBND-VX", axisDocId: "axis-9")
        document.id = 9_000_000_001
        return document
    }

    @Test func aSentDocumentsReceiptIsWrittenWithoutJSONSerialization() throws {
        let json = Self.receipt(of: Self.document()).jsonObject
        let written = try #require(PrettyJSON.encode(json))
        let reference = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        #expect(written == Array(reference))
        #expect(String(decoding: written, as: UTF8.self).contains("\"id\" : 9000000001"))
    }

    @Test func aRequestsReceiptIsWrittenWithoutJSONSerializationToo() throws {
        var request = Self.document()
        request.businessDocType = "2"
        request.businessDocumentId = "000.00.00.H41,2026/12/01,7/UBND-VX"
        request.relatedDocumentId = 3
        request.businessReason = "nhầm số / wrong number"
        let json = Self.receipt(of: request).jsonObject
        #expect(json["business"] != nil)
        let written = try #require(PrettyJSON.encode(json))
        let reference = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        #expect(written == Array(reference))
    }
}
