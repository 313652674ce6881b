import AxisClient
import Foundation
import Testing

/// The remote signing protocol on the wire, against a loopback HTTP server: the JSON request with the bearer token,
/// the decoded signature, and the failures sorted by HTTP status.
@Suite struct RemoteSigningClientTests {
    static let digest = [UInt8](repeating: 0xAB, count: 32)

    func client(_ responder: LoopbackResponder, token: String? = "s3cr3t-bearer") throws -> RemoteSigningClient {
        try RemoteSigningClient(
            url: "http://127.0.0.1:\(responder.port)/v1/sign", allowPlainHTTP: true, bearerToken: token,
            clientCertificatePath: nil, clientKeyPath: nil, caBundlePath: nil, proxyURL: nil, timeout: .seconds(5))
    }

    @Test func postsTheDigestAsJSONWithTheBearerTokenAndDecodesTheSignature() throws {
        let responder = try LoopbackResponder([.json(#"{"signature":"AQIDBA=="}"#)])
        defer { responder.stop() }

        let signature = try client(responder).signature(
            forDigest: Self.digest, signatureAlgorithm: "RSA-PKCS1-v1_5")

        #expect(signature == [1, 2, 3, 4])
        let request = try #require(responder.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/sign")
        #expect(request.headers["authorization"] == "Bearer s3cr3t-bearer")
        #expect(request.headers["content-type"] == "application/json")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String])
        #expect(
            body == [
                "digest_algorithm": "SHA-256", "digest": Data(Self.digest).base64EncodedString(),
                "signature_algorithm": "RSA-PKCS1-v1_5",
            ])
    }

    @Test func sendsNoAuthorizationWithoutABearerToken() throws {
        let responder = try LoopbackResponder([.json(#"{"signature":"AQ=="}"#)])
        defer { responder.stop() }

        _ = try client(responder, token: nil).signature(forDigest: Self.digest, signatureAlgorithm: "ECDSA")

        #expect(responder.requests.first?.headers["authorization"] == nil)
    }

    @Test func statusAndMalformedRepliesBecomeTypedErrorsWithoutTheToken() throws {
        let responder = try LoopbackResponder([
            .json(#"{"error":"bad token"}"#, status: 401), .json("busy", status: 503), .json(#"{"sig":"x"}"#),
        ])
        defer { responder.stop() }
        let client = try client(responder)
        var errors: [RemoteSigningClientError] = []
        for _ in 0..<3 {
            do {
                _ = try client.signature(forDigest: Self.digest, signatureAlgorithm: "ECDSA")
            } catch {
                errors.append(error)
            }
        }

        let url = "http://127.0.0.1:\(responder.port)/v1/sign"
        #expect(
            errors == [
                .httpStatus(url: url, status: 401, excerpt: #"{"error":"bad token"}"#),
                .httpStatus(url: url, status: 503, excerpt: "busy"),
                .invalidReply(url: url, detail: #"not a JSON object with a "signature" string"#),
            ])
        #expect(!errors.map(\.description).joined().contains("s3cr3t-bearer"))
    }

    @Test func unreachableServiceIsReportedAsSuch() throws {
        let responder = try LoopbackResponder([])
        let port = responder.port
        responder.stop()
        let client = try RemoteSigningClient(
            url: "http://127.0.0.1:\(port)/v1/sign", allowPlainHTTP: true, bearerToken: nil,
            clientCertificatePath: nil, clientKeyPath: nil, caBundlePath: nil, proxyURL: nil, timeout: .seconds(5))

        #expect {
            _ = try client.signature(forDigest: Self.digest, signatureAlgorithm: "ECDSA")
        } throws: { error in
            guard case RemoteSigningClientError.unreachable = error else { return false }
            return true
        }
    }
}
