import Foundation
import Testing

@testable import SystemSupport

/// Receipts are written without `JSONSerialization` but must read exactly as before: the same bytes, for objects
/// built in code and for objects `JSONSerialization` read back from a receipt (whose numbers are all NSNumbers).
@Suite struct PrettyJSONTests {
    static func reference(_ object: [String: Any]) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
    }

    /// What a receipt holds: the filer's fields, a request's, and statuses with every kind of value.
    static var receipt: [String: Any] {
        [
            "id": 1,
            "file_name": "Công văn 125/2026 \"khẩn\".pdf",
            "axis_doc_id": "",
            "recipients": ["000.00.00.H26", "000.00.00.H14"],
            "sent_at": "2026-12-31T23:59:59+07:00", "filed_at": "2027-01-01T00:00:00+07:00",
            "statuses": [
                ["code": "03", "from": "000.00.00.H26", "at": "2027-01-01T00:00:01+07:00", "seen": true],
                [
                    "code": "13", "note": "dòng 1\ndòng 2\ttab \\ \u{01}\u{1F}\r\u{08}\u{0C}", "retries": 0,
                    "late": false,
                ],
            ] as [Any],
            "concerned": ["id": 0, "empty": [Any](), "none": [String: Any](), "gone": NSNull()] as [String: Any],
            "big": Int.max, "negative": -42,
            // A database id is an Int64, which does not cast to Int.
            "document_id": Int64(125), "smallest": Int64.min,
        ]
    }

    @Test func aReceiptBuiltInCodeIsWrittenAsJSONSerializationWritesIt() throws {
        let written = try #require(PrettyJSON.encode(Self.receipt))
        #expect(
            String(decoding: written, as: UTF8.self)
                == String(decoding: try Self.reference(Self.receipt), as: UTF8.self))
    }

    @Test func aReceiptReadBackKeepsItsBooleansAndItsZerosAndOnes() throws {
        let read = try #require(
            try JSONSerialization.jsonObject(with: Data(try Self.reference(Self.receipt))) as? [String: Any])
        let written = try #require(PrettyJSON.encode(read))
        #expect(written == (try Self.reference(read)))
        #expect(written == (try Self.reference(Self.receipt)), "\"id\" : 1 stays a number, \"seen\" : true a boolean")
    }

    @Test func aValueReceiptsNeverHoldIsLeftToJSONSerialization() throws {
        #expect(PrettyJSON.encode(["ratio": 0.5]) == nil)
        #expect(PrettyJSON.encode(["nested": [["when": Date()]]]) == nil)
        #expect(try ReceiptFile.encode(["ratio": 0.5]) == (try Self.reference(["ratio": 0.5])) + [0x0a])
    }
}
