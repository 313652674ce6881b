import Foundation
import Testing

@testable import AxisProtocol

@Suite struct SignedHeadersTests {
    static let secret = "0123456789abcdef0123456789abcdef0123456789ab"
    static let credentials = AxisCredentials(systemId: "vxp.saas.03", secret: secret)
    static let now = Date(timeIntervalSince1970: 1_795_582_082.042)
    static let sendParameters: [(name: String, value: String)] = [
        ("from", "000.00.00.H26"), ("servicetype", "eDoc"), ("messagetype", "edoc"),
    ]

    static func sendHeaders() throws -> [(name: String, value: String)] {
        try SignedHeaders.make(
            parameters: sendParameters, contentType: "application/octet-stream", credentials: credentials, now: now)
    }

    static func value(_ name: String, in headers: [(name: String, value: String)]) -> String? {
        headers.first { $0.name == name }?.value
    }

    @Test func emitsTheHeadersOfSectionTwoInOrder() throws {
        let headers = try Self.sendHeaders()
        #expect(headers.map(\.name) == [
            "XroadVnpt-from", "XroadVnpt-servicetype", "XroadVnpt-messagetype", "XroadVnpt-systemid",
            "XroadVnpt-timestamp", "XroadVnpt-Content-Type", "Content-Type", "XroadVnpt-sign-header-key",
            "XroadVnpt-sign-header", "XroadVnpt-hash-header", "XroadVnpt-version",
        ])
        #expect(Self.value("XroadVnpt-sign-header-key", in: headers)
            == "from;servicetype;messagetype;systemid;timestamp;Content-Type")
        #expect(Self.value("XroadVnpt-timestamp", in: headers) == "25112026T114802+0042")
        #expect(Self.value("Content-Type", in: headers) == "application/octet-stream")
        #expect(Self.value("XroadVnpt-version", in: headers) == "3.0.201608")
    }

    /// Hard vector: the JSON below was written by hand from section 2, and its HMAC computed with both
    /// `openssl dgst -sha256 -hmac` and Python's `hmac` module when the test was written.
    @Test func matchesAHandCheckedVector() throws {
        let headers = try Self.sendHeaders()
        let expectedJSON =
            #"{"XroadVnpt-from":"000.00.00.H26","XroadVnpt-servicetype":"eDoc","XroadVnpt-messagetype":"edoc","#
            + #""XroadVnpt-systemid":"vxp.saas.03","XroadVnpt-timestamp":"25112026T114802+0042","#
            + #""XroadVnpt-Content-Type":"application/octet-stream"}"#
        #expect(Self.value("XroadVnpt-sign-header", in: headers) == expectedJSON)
        #expect(Self.value("XroadVnpt-hash-header", in: headers)
            == "7e605bf9f996f700a05949bfc7843fded780bf5aabd8199279b2dafde76d4b79")
    }

    @Test func hashHeaderEqualsOpensslHMACOverTheExactJSON() throws {
        let headers = try SignedHeaders.make(
            parameters: [("docId", "a1b2-\"quoted\"-back\\slash"), ("status", "done")],
            contentType: "application/json", credentials: Self.credentials, now: Date())
        let json = try #require(Self.value("XroadVnpt-sign-header", in: headers))
        let expected = try ProcessRunner.opensslHMAC(key: Self.secret, message: json)
        #expect(expected.count == 64)
        #expect(Self.value("XroadVnpt-hash-header", in: headers) == expected)
    }

    @Test func signHeaderIsValidJSONThatRoundTripsEscapedValues() throws {
        let tricky = #"a"b\c/d"#
        let headers = try SignedHeaders.make(
            parameters: [("description", tricky)], contentType: "application/json", credentials: Self.credentials,
            now: Self.now)
        let json = try #require(Self.value("XroadVnpt-sign-header", in: headers))
        #expect(json.hasPrefix(#"{"XroadVnpt-description":"a\"b\\c/d","#))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String])
        #expect(object["XroadVnpt-description"] == tricky)
        #expect(Self.value("XroadVnpt-description", in: headers) == tricky)
    }

    @Test func nonASCIIValueIsAThrownError() {
        #expect(throws: SignedHeadersError.nonASCIIValue(name: "description")) {
            try SignedHeaders.make(
                parameters: [("description", "Đã nhận")], contentType: "application/json",
                credentials: Self.credentials, now: Self.now)
        }
    }

    @Test func lineBreakInAValueIsRejectedAsHeaderInjection() {
        #expect(throws: SignedHeadersError.controlCharacter(name: "status")) {
            try SignedHeaders.make(
                parameters: [("status", "done\r\nX-Evil: 1")], contentType: "application/json",
                credentials: Self.credentials, now: Self.now)
        }
    }

    @Test func surroundingSpacesAreRejectedBecauseHTTPWouldStripThem() {
        #expect(throws: SignedHeadersError.surroundingWhitespace(name: "from")) {
            try SignedHeaders.make(
                parameters: [("from", "000.00.00.H26 ")], contentType: "application/json",
                credentials: Self.credentials, now: Self.now)
        }
    }

    @Test func parameterCollidingWithSignerKeysIsRejected() {
        #expect(throws: SignedHeadersError.duplicateName(name: "systemid")) {
            try SignedHeaders.make(
                parameters: [("SystemId", "other")], contentType: "application/json",
                credentials: Self.credentials, now: Self.now)
        }
        #expect(throws: SignedHeadersError.invalidName(name: "bad name")) {
            try SignedHeaders.make(
                parameters: [("bad name", "x")], contentType: "application/json", credentials: Self.credentials,
                now: Self.now)
        }
    }

    @Test func nonASCIISystemIdIsRejectedToo() {
        let credentials = AxisCredentials(systemId: "vxp.saas.ô", secret: "k")
        #expect(throws: SignedHeadersError.nonASCIIValue(name: "systemid")) {
            try SignedHeaders.make(parameters: [], contentType: "application/json", credentials: credentials,
                now: Self.now)
        }
    }
}
