import Foundation
import Testing

@testable import AxisProtocol

/// Broken, truncated and hostile getEdoc replies: each is an error, the same whatever the piece sizes.
@Suite struct GetEdocReplyScannerErrorTests {
    static func error(_ body: String, limits: GetEdocReplyScanner.Limits = .init()) -> AxisReplyError? {
        if case .failure(let error) = GetEdocScanning.oneShot(Array(body.utf8), limits: limits) { return error }
        return nil
    }

    static func isMalformedJSON(_ error: AxisReplyError?) -> Bool {
        if case .malformedJSON = error { return true }
        return false
    }

    @Test func anHTMLErrorPageIsNotJSONWithItsStartAsExcerpt() {
        let page = "<html><head><title>502 Bad Gateway</title></head><body>" + String(repeating: "x", count: 500)
        let error = Self.error(page)
        guard case .notJSON(let excerpt) = error else {
            Issue.record("expected notJSON, got \(String(describing: error))")
            return
        }
        #expect(excerpt.hasPrefix("<html><head><title>502 Bad Gateway"))
        #expect(excerpt.hasSuffix("…"))
    }

    @Test func anHTMLPageIsRefusedAfterItsFirst200BytesWithoutReadingTheRest() {
        var scanner = GetEdocReplyScanner()
        var document: [UInt8] = []
        #expect(throws: AxisReplyError.self) {
            for _ in 0..<100 { try scanner.consume(Array("<p>proxy error</p>".utf8), into: &document) }
        }
        #expect(document.isEmpty)
    }

    @Test(arguments: [
        ("", AxisReplyError.notJSON(excerpt: "(empty body)")),
        ("   ", AxisReplyError.notJSON(excerpt: "   ")),
        ("[1,2]", AxisReplyError.notAnObject(excerpt: "[1,2]")),
        ("\u{FEFF}<x>", AxisReplyError.notJSON(excerpt: " <x>")),
    ])
    func bodiesThatAreNotAJSONObjectAreNamedSo(_ body: String, _ expected: AxisReplyError) {
        #expect(Self.error(body) == expected)
    }

    @Test(arguments: [
        #"{"status":"OK","data":"QUJD"} trailing"#,
        #"{"status":"OK" "data":"QUJD"}"#,
        #"{"status":"OK","data":"QUJD",}"#,
        #"{"status":"OK","data":"QUJD","data":"QUJD"}"#,
        #"{"status":"OK","data":"QU\qJD"}"#,
        #"{"status":"OK\u00zz","data":"QUJD"}"#,
        "{\"status\":\"O\u{01}K\",\"data\":\"QUJD\"}",
        #"{"status":"OK","x":[1,2},"data":"QUJD"}"#,
        #"{"status":OK,"data":"QUJD"}"#,
        #"{"status":"OK","n":0x10,"data":"QUJD"}"#,
        #"{status:"OK"}"#,
        #"{"status":"OK":"data"}"#,
    ])
    func syntaxErrorsAreMalformedJSON(_ body: String) {
        #expect(Self.isMalformedJSON(Self.error(body)), "\(String(describing: Self.error(body)))")
    }

    @Test(arguments: ["QQ=x", "Q===", "QQ*A", "QUJDR", "QUJD\\u00e9", "QUJD\\ud83d\\ude00", "QU==QUJD"])
    func brokenBase64IsRejected(_ data: String) {
        let error = Self.error(#"{"status":"OK","data":"\#(data)"}"#)
        guard case .invalidBase64 = error else {
            Issue.record("expected invalidBase64, got \(String(describing: error))")
            return
        }
    }

    @Test func theBase64ErrorNamesTheOffendingCharacter() {
        #expect(Self.error(#"{"status":"OK","data":"QUJDQU*D"}"#) == .invalidBase64(offset: 7))
        #expect(Self.error(#"{"status":"OK","data":"QU\/\n*D"}"#) == .invalidBase64(offset: 5))
    }

    /// Cutting a reply anywhere, whether in a key, a small value, an escape, the base64 text or before the closing
    /// brace, is an error and never a shorter document.
    @Test func aReplyTruncatedAtAnyByteIsAnError() {
        let text = #"{"status":"OK","ErrorCode":0,"ErrorDesc":"a\u00e9\n","x":[{"y":"]"}],"data":"QUJ\/RA==\r\n"}"#
        let body = Array(text.utf8)
        #expect(GetEdocScanning.oneShot(body).map(\.document) == .success([0x41, 0x42, 0x7F, 0x44]))
        for length in 0..<body.count {
            let prefix = Array(body[..<length])
            guard case .failure(let error) = GetEdocScanning.oneShot(prefix) else {
                Issue.record("a reply cut to \(length) bytes was accepted")
                continue
            }
            if length > 0 {
                #expect(Self.isMalformedJSON(error), "cut at \(length): \(error)")
            }
        }
    }

    @Test func aTruncationInsideTheDataStringSaysSo() {
        guard case .malformedJSON(let reason) = Self.error(#"{"status":"OK","data":"QUJDQUJD"#) else {
            Issue.record("expected malformedJSON")
            return
        }
        #expect(reason.contains("inside the data string"))
    }

    @Test func aSmallFieldOverItsCapIsRefused() {
        let limits = GetEdocReplyScanner.Limits(maxFieldBytes: 64)
        let atCap = #"{"ErrorDesc":"\#(String(repeating: "e", count: 64))","data":"QUJD"}"#
        #expect(Self.error(atCap, limits: limits) == nil)
        let error = Self.error(#"{"ErrorDesc":"\#(String(repeating: "e", count: 65))","data":"QUJD"}"#, limits: limits)
        #expect(Self.isMalformedJSON(error))
        #expect(error?.description.contains("ErrorDesc") == true)
    }

    @Test func theDefaultCapOnSmallFieldsIs64KiB() {
        #expect(Self.isMalformedJSON(Self.error(#"{"status":"\#(String(repeating: "s", count: 65_537))"}"#)))
    }

    @Test func nestingDeeperThanTheLimitIsRefused() {
        func nested(_ depth: Int) -> String {
            #"{"status":"OK","x":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                + #","data":"QUJD"}"#
        }
        #expect(Self.error(nested(64)) == nil)
        #expect(Self.isMalformedJSON(Self.error(nested(65))))
    }

    @Test func anUnterminatedStringOrGarbageIsAnErrorInAnyPieceSize() {
        let bodies = [
            #"{"status":"OK","data":"QUJD"# + String(repeating: "QUJD", count: 5000),
            #"{"status":"OK","note":""# + String(repeating: "x", count: 20_000),
            "{" + String(repeating: "\u{1}", count: 300),
            #"{"status":"OK","data":"QUJD"}"# + String(repeating: "}", count: 10),
        ]
        for body in bodies.map({ Array($0.utf8) }) {
            let whole = GetEdocScanning.oneShot(body)
            guard case .failure = whole else {
                Issue.record("accepted: \(body.prefix(40))")
                continue
            }
            #expect(GetEdocScanning.scan(body, pieces: [1]) == whole)
            #expect(GetEdocScanning.scan(body, pieces: GetEdocScanning.randomSizes(seed: 42)) == whole)
        }
    }

    @Test func afterAnErrorTheScannerKeepsFailing() {
        var scanner = GetEdocReplyScanner()
        var document: [UInt8] = []
        #expect(throws: AxisReplyError.self) { try scanner.consume(Array(#"{"a" x"#.utf8), into: &document) }
        #expect(throws: AxisReplyError.self) { try scanner.consume(Array(#":"b"}"#.utf8), into: &document) }
        #expect(throws: AxisReplyError.self) { _ = try scanner.finish() }
    }
}
