import Foundation
import Testing

@testable import AxisProtocol

/// Valid getEdoc replies in every shape seen or plausible, read by the streaming scanner in any piece sizes.
@Suite struct GetEdocReplyScannerTests {
    static let document = GetEdocScanning.document(3_001)
    static let base64 = GetEdocScanning.base64(document)
    static let escapedSlashes = base64.replacingOccurrences(of: "/", with: "\\/")
    static let mimeWrapped = Data(document).base64EncodedString(
        options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]
    ).replacingOccurrences(of: "\r\n", with: "\\r\\n")

    static let urlSafe = base64.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")

    /// Replies that all carry ``document`` with an OK status, in different spellings and orders.
    static let okReplies: [String] = [
        #"{"status":"OK","ErrorCode":"0","ErrorDesc":"","data":"\#(base64)"}"#,
        #"{"data":"\#(base64)","status":"OK","ErrorCode":"0","ErrorDesc":""}"#,
        #"{"Data":"\#(escapedSlashes)","Status":"ok","errorCode":0,"docid":"d-1"}"#,
        #"{"DATA":"\#(mimeWrapped)","error_code":"0","status":"OK","DocId":"d-1"}"#,
        "\u{FEFF}" + #"  {  "status" : "OK" , "ErrorCode" : 0.0 , "data" : "\#(base64)" }"# + "\r\n",
        #"{"nested":{"data":"QUJD","list":[1,"]",{"x":"}"}]},"status":"OK","data":"\#(base64)","n":-1.5e3}"#,
        #"{"d\u0061ta":"\#(base64)","st\u0061tus":"OK","ErrorDesc":null,"flag":true}"#,
        #"{"status":"OK","data":"\#(base64.replacingOccurrences(of: "A", with: "\\u0041"))"}"#,
        #"{"status":"OK","data":"\#(urlSafe)"}"#,
        #"{"status":"OK","data":"\#(base64.replacingOccurrences(of: "=", with: ""))"}"#,
    ]

    @Test(arguments: okReplies.indices)
    func everySpellingOrderAndEscapeYieldsTheDocument(_ index: Int) throws {
        let body = Array(Self.okReplies[index].utf8)
        let scanned = try GetEdocScanning.oneShot(body).get()
        #expect(scanned.document == Self.document)
        #expect(try scanned.outcome.requireDocument() == Int64(Self.document.count))
        #expect(scanned.outcome.reply.isOK)
    }

    @Test(arguments: okReplies.indices)
    func byteByByteAndRandomPiecesMatchTheOneShotDecode(_ index: Int) {
        let body = Array(Self.okReplies[index].utf8)
        let whole = GetEdocScanning.oneShot(body)
        #expect(GetEdocScanning.scan(body, pieces: [1]) == whole)
        for seed in UInt64(1)...8 {
            let pieces = GetEdocScanning.randomSizes(seed: seed)
            #expect(GetEdocScanning.scan(body, pieces: pieces) == whole, "seed \(seed)")
        }
    }

    /// Foundation reads the plain replies the same way: an independent check of the decoded bytes.
    @Test func foundationAgreesOnTheRepliesItCanRead() {
        var compared = 0
        for reply in Self.okReplies {
            let body = Array(reply.utf8)
            guard let expected = GetEdocScanning.foundationDocument(body) else { continue }
            #expect((try? GetEdocScanning.oneShot(body).get().document) == expected)
            compared += 1
        }
        #expect(compared >= 6)
    }

    @Test(arguments: [0, 1, 2, 3, 4, 1000, 65_537])
    func decodesWhatTheEncoderWroteForEveryTailLength(_ size: Int) throws {
        let edxml = GetEdocScanning.document(size, seed: UInt32(size + 1))
        let body = GetEdocReply.jsonBytes(edxml: edxml)
        for pieces in [[1], [3], [7], [4096], GetEdocScanning.randomSizes(seed: UInt64(size) + 3, maximum: 5000)] {
            let scanned = try GetEdocScanning.scan(body, pieces: pieces).get()
            #expect(scanned.document == edxml)
            #expect(scanned.outcome.documentBytes == Int64(size))
        }
    }

    @Test func smallFieldsAreReadWithNumbersAsText() throws {
        let body = #"{"ErrorDesc":"Khong tim thay van ban: d1 \"x\" \/ \u00e9 \ud83d\ude00","status":"FAIL","#
            + #""ErrorCode":9,"docId":"d1","data":null}"#
        let outcome = try GetEdocScanning.oneShot(Array(body.utf8)).get().outcome
        #expect(outcome.reply == .fail(errorCode: "9", errorDescription: "Khong tim thay van ban: d1 \"x\" / é 😀"))
        #expect(outcome.docId == "d1")
        #expect(outcome.documentBytes == nil)
    }

    @Test func aLoneSurrogateBecomesTheReplacementCharacter() throws {
        let outcome = try GetEdocScanning.oneShot(Array(#"{"status":"FAIL","ErrorDesc":"a\ud800b"}"#.utf8)).get()
        #expect(outcome.outcome.reply.errorDescription == "a\u{FFFD}b")
    }

    @Test func aFailReplyIsReportedWithTheAxisMessageEvenWithDataBeforeIt() throws {
        let body = #"{"data":"QUJD","status":"FAIL","ErrorCode":"9","ErrorDesc":"Khong tim thay van ban: d1"}"#
        let outcome = try GetEdocScanning.oneShot(Array(body.utf8)).get().outcome
        #expect(throws: AxisReplyError.fail(.fail(errorCode: "9", errorDescription: "Khong tim thay van ban: d1"))) {
            try outcome.requireDocument()
        }
    }

    @Test(arguments: [
        #"{"status":"OK","ErrorCode":"0"}"#, #"{"status":"OK","data":null}"#, #"{"status":"OK","data":{"x":"QUJD"}}"#,
        #"{"status":"OK","nested":{"data":"QUJD"}}"#, #"{"status":"OK","ErrorCode":0,"data":123}"#,
    ])
    func anOKReplyWithoutADataStringMissesTheField(_ body: String) throws {
        let outcome = try GetEdocScanning.oneShot(Array(body.utf8)).get().outcome
        #expect(throws: AxisReplyError.missingField("data")) { try outcome.requireDocument() }
    }

    @Test func anEmptyDataStringIsAnEmptyDocument() throws {
        let scanned = try GetEdocScanning.oneShot(Array(#"{"status":"OK","data":""}"#.utf8)).get()
        #expect(try scanned.outcome.requireDocument() == 0)
        #expect(scanned.document.isEmpty)
    }

    @Test func aKeyLongerThanAnyFieldIsSkippedWithoutKeepingIt() throws {
        let hugeKey = String(repeating: "k", count: 1 << 20)
        let longData = "data" + String(repeating: "_", count: 80)
        let body = #"{"\#(hugeKey)":"x","\#(longData)":"QUJD","status":"OK","data":"QUJD"}"#
        let scanned = try GetEdocScanning.scan(Array(body.utf8), pieces: [4096]).get()
        #expect(scanned.document == Array("ABC".utf8))
    }

    @Test func aLongSkippedStringIsNotKept() throws {
        let body = #"{"status":"OK","note":"\#(String(repeating: "z", count: 4 << 20))","data":"QUJD"}"#
        let scanned = try GetEdocScanning.scan(Array(body.utf8), pieces: [65_536]).get()
        #expect(scanned.document == Array("ABC".utf8))
    }
}
