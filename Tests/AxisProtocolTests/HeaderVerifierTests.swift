import Foundation
import Testing

@testable import AxisProtocol

@Suite struct HeaderVerifierTests {
    static let secrets = ["vxp.saas.03": SignedHeadersTests.secret]

    static func lowercased(_ headers: [(name: String, value: String)]) -> [String: String] {
        Dictionary(headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    static func signed() throws -> [String: String] {
        lowercased(try SignedHeadersTests.sendHeaders())
    }

    static func verify(_ headers: [String: String]) -> Result<VerifiedRequest, AxisRejection> {
        HeaderVerifier.verify(headers: headers) { secrets[$0] }
    }

    @Test func acceptsWhatMakeProducedAndReturnsTheSignedParameters() throws {
        let request = try Self.verify(Self.signed()).get()
        #expect(request.systemId == "vxp.saas.03")
        #expect(request.parameters == [
            "from": "000.00.00.H26", "servicetype": "eDoc", "messagetype": "edoc", "systemid": "vxp.saas.03",
            "timestamp": "25112026T114802+0042", "Content-Type": "application/octet-stream",
        ])
        #expect(request.parameter("FROM") == "000.00.00.H26")
    }

    @Test func acceptsAnUppercaseHexHash() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-hash-header"] = headers["xroadvnpt-hash-header"]?.uppercased()
        #expect(throws: Never.self) { try Self.verify(headers).get() }
    }

    @Test func rejectsATamperedHeaderValue() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-from"] = "000.00.00.G22"
        #expect(Self.verify(headers) == .failure(.headerMismatch("from")))
    }

    @Test func rejectsATamperedSignedJSON() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-sign-header"] = headers["xroadvnpt-sign-header"]?
            .replacingOccurrences(of: "000.00.00.H26", with: "000.00.00.G22")
        headers["xroadvnpt-from"] = "000.00.00.G22"
        #expect(Self.verify(headers) == .failure(.invalidSignature))
    }

    @Test func rejectsJSONThatDiffersOnlyInWhitespace() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-sign-header"] = headers["xroadvnpt-sign-header"]?
            .replacingOccurrences(of: "\",\"", with: "\", \"")
        #expect(Self.verify(headers) == .failure(.invalidSignature))
    }

    @Test func rejectsASignatureMadeWithAnotherSecret() throws {
        let forged = try SignedHeaders.make(
            parameters: SignedHeadersTests.sendParameters, contentType: "application/octet-stream",
            credentials: AxisCredentials(systemId: "vxp.saas.03", secret: "not-the-secret"),
            now: SignedHeadersTests.now)
        #expect(Self.verify(Self.lowercased(forged)) == .failure(.invalidSignature))
    }

    @Test func rejectsAnUnknownSystem() throws {
        let headers = try SignedHeaders.make(
            parameters: [], contentType: "application/json",
            credentials: AxisCredentials(systemId: "vxp.saas.99", secret: "x"), now: Date())
        let result = Self.verify(Self.lowercased(headers))
        #expect(result == .failure(.unknownSystem("vxp.saas.99")))
        if case .failure(let rejection) = result {
            #expect(rejection.errorDescription == "Ma he thong vxp.saas.99 chua duoc dang ky")
        }
    }

    @Test func rejectsMissingSignatureHeaders() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-hash-header"] = nil
        #expect(Self.verify(headers) == .failure(.missingHeader("XroadVnpt-hash-header")))
        headers = try Self.signed()
        headers["xroadvnpt-sign-header"] = nil
        #expect(Self.verify(headers) == .failure(.missingHeader("XroadVnpt-sign-header")))
    }

    @Test func rejectsASignedParameterWhoseHeaderIsMissing() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-servicetype"] = nil
        #expect(Self.verify(headers) == .failure(.missingHeader("XroadVnpt-servicetype")))
    }

    @Test func rejectsAKeyListThatDoesNotNameTheSignedParameters() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-sign-header-key"] = "from;systemid;timestamp"
        #expect(Self.verify(headers) == .failure(.headerMismatch("XroadVnpt-sign-header-key")))
    }

    @Test func ignoresUnsignedParameterHeaders() throws {
        var headers = try Self.signed()
        headers["xroadvnpt-to"] = "000.00.00.G22"
        let request = try Self.verify(headers).get()
        #expect(request.parameters["to"] == nil)
    }

    @Test func rejectsSignedJSONWithoutATimestamp() throws {
        let json = #"{"XroadVnpt-systemid":"vxp.saas.03"}"#
        let headers = [
            "xroadvnpt-systemid": "vxp.saas.03", "xroadvnpt-sign-header": json,
            "xroadvnpt-hash-header": try ProcessRunner.opensslHMAC(key: SignedHeadersTests.secret, message: json),
        ]
        #expect(Self.verify(headers) == .failure(.missingHeader("XroadVnpt-timestamp")))
    }

    @Test(arguments: [
        #"{"XroadVnpt-systemid":"vxp.saas.03","XroadVnpt-systemid":"x"}"#, #"{"XroadVnpt-systemid":1}"#,
        #"["XroadVnpt-systemid"]"#, #"{"systemid":"vxp.saas.03"}"#, #"{"XroadVnpt-systemid":"vxp.saas.03"} x"#,
    ])
    func rejectsMalformedSignedJSON(_ json: String) {
        let headers = ["xroadvnpt-sign-header": json, "xroadvnpt-hash-header": "00"]
        guard case .failure(let rejection) = Self.verify(headers) else {
            Issue.record("accepted \(json)")
            return
        }
        #expect(rejection.errorCode == AxisErrorCode.headerMismatch)
    }

    @Test func acceptsJavaStyleEscapedSlashesInTheSignedJSON() throws {
        let json = #"{"XroadVnpt-systemid":"vxp.saas.03","XroadVnpt-timestamp":"25112026T114802+0042","#
            + #""XroadVnpt-Content-Type":"application\/json"}"#
        let headers = [
            "xroadvnpt-systemid": "vxp.saas.03", "xroadvnpt-timestamp": "25112026T114802+0042",
            "xroadvnpt-content-type": "application/json", "xroadvnpt-sign-header": json,
            "xroadvnpt-hash-header": try ProcessRunner.opensslHMAC(key: SignedHeadersTests.secret, message: json),
        ]
        let request = try Self.verify(headers).get()
        #expect(request.parameters["Content-Type"] == "application/json")
    }
}
