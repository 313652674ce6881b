import Foundation
import Testing

@testable import AxisProtocol

@Suite struct GetEdocReplyTests {
    static func decodeInChunks(_ body: [UInt8], chunk: Int) throws -> [UInt8] {
        let located = try GetEdocReply.locateData(in: body)
        var decoder = Base64StreamDecoder()
        var output: [UInt8] = []
        var start = located.base64Range.lowerBound
        while start < located.base64Range.upperBound {
            let end = min(start + chunk, located.base64Range.upperBound)
            output += try decoder.decode(body[start..<end])
            start = end
        }
        return output + (try decoder.finish())
    }

    @Test(arguments: [0, 1, 2, 3, 4, 1000, 65_537])
    func decodesWhatTheEncoderWroteForEveryTailLength(_ size: Int) throws {
        let edxml = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let body = GetEdocReply.jsonBytes(edxml: edxml)
        for chunk in [1, 3, 7, 4096] {
            #expect(try Self.decodeInChunks(body, chunk: chunk) == edxml)
        }
    }

    @Test func findsDataAfterOtherMembersAndToleratesJavaEscapes() throws {
        let payload = Array("<?xml version=\"1.0\"?><edXML>ÿþ?></edXML>".utf8) + [0xFF, 0xFE, 0xFB]
        let base64 = Data(payload).base64EncodedString()
        let escaped = base64.replacingOccurrences(of: "/", with: "\\/")
        let text = #"{"status":"OK","nested":{"data":"x","a":[1,"]"]},"ErrorCode":0,"Data":""# + escaped
            + #"\r\n","ErrorDesc":""}"#
        #expect(base64.contains("/"))
        #expect(try Self.decodeInChunks(Array(text.utf8), chunk: 5) == payload)
    }

    @Test func failReplyIsReportedWithTheAxisMessage() {
        let text = #"{"status":"FAIL","ErrorCode":"9","ErrorDesc":"Khong tim thay van ban: d1","data":""}"#
        #expect(throws: AxisReplyError.fail(.fail(errorCode: "9", errorDescription: "Khong tim thay van ban: d1"))) {
            try GetEdocReply.locateData(in: Array(text.utf8))
        }
    }

    @Test func missingDataAndNonJSONAreErrors() {
        #expect(throws: AxisReplyError.missingField("data")) {
            try GetEdocReply.locateData(in: Array(#"{"status":"OK","ErrorCode":"0"}"#.utf8))
        }
        #expect(throws: AxisReplyError.notJSON(excerpt: "<html>")) {
            try GetEdocReply.locateData(in: Array("<html>".utf8))
        }
    }

    @Test(arguments: ["QQ=x", "Q===", "QQ*A", "QUJD\\u0041", "QUJDR"])
    func brokenBase64IsRejected(_ text: String) {
        var decoder = Base64StreamDecoder()
        #expect(throws: AxisReplyError.self) {
            _ = try decoder.decode(Array(text.utf8))
            _ = try decoder.finish()
        }
    }
}
