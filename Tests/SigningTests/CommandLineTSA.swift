import Foundation
import Signing

/// A timestamp authority for tests that answers with `openssl ts -reply`: OpenSSL's own TSA code, independent of
/// lienthong's request building and reply checks. It can also misbehave on purpose.
struct CommandLineTSA: TimestampAuthority {
    enum Behaviour: Sendable {
        case honest
        /// Stamps a different imprint than the one requested (one byte of the hashed message flipped).
        case stampsAnotherImprint
        /// Cannot be reached.
        case down
        /// Answers with a rejection status.
        case refuses
    }

    struct Unreachable: Error, CustomStringConvertible {
        var description: String { "connection refused (test TSA down)" }
    }

    let name = "test TSA (openssl ts -reply)"
    let directory: URL
    let configPath: String
    let tsa: TestPKI.Issued
    var behaviour: Behaviour = .honest

    init(pki: TestPKI, tsa: TestPKI.Issued, behaviour: Behaviour = .honest) {
        directory = pki.directory
        configPath = pki.configPath
        self.tsa = tsa
        self.behaviour = behaviour
    }

    func respond(to request: [UInt8]) throws -> [UInt8] {
        var request = request
        switch behaviour {
        case .down:
            throw Unreachable()
        case .refuses:
            // A TimeStampResp with only status rejection (2) and failInfo badAlg.
            return [0x30, 0x09, 0x30, 0x07, 0x02, 0x01, 0x02, 0x03, 0x02, 0x07, 0x80]
        case .stampsAnotherImprint:
            // The hashedMessage is the only OCTET STRING of 32 bytes (04 20) in a SHA-256 request.
            if let index = (0..<request.count - 1).first(where: { request[$0] == 0x04 && request[$0 + 1] == 0x20 }) {
                request[index + 2] ^= 0xFF
            }
        case .honest:
            break
        }
        let id = UUID().uuidString
        let query = directory.appendingPathComponent("tsq-\(id).der")
        let reply = directory.appendingPathComponent("tsr-\(id).der")
        defer {
            try? FileManager.default.removeItem(at: query)
            try? FileManager.default.removeItem(at: reply)
        }
        try Data(request).write(to: query)
        let result = try ExternalTools.run(
            "openssl",
            [
                "ts", "-reply", "-config", configPath, "-section", "test_tsa", "-queryfile", query.path,
                "-inkey", tsa.keyPath, "-signer", tsa.certificatePath, "-out", reply.path,
            ], in: directory)
        guard result.succeeded else { throw Unreachable() }
        return [UInt8](try Data(contentsOf: reply))
    }
}
