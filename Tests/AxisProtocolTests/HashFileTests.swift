import CryptoPrimitives
import Foundation
import Testing

@testable import AxisProtocol

@Suite struct HashFileTests {
    @Test func writesBytesBelow0x10WithASingleDigit() {
        let digest = Digest(bytes: [0x00, 0x0A, 0x0F, 0x10, 0xAB, 0x01])
        #expect(HashFile.value(of: digest) == "0af10ab1")
    }

    @Test func matchesJavaToHexStringOfSha256sumOutput() throws {
        // SHA-256("abc") contains 0x01, 0x03 and 0x00, which Java writes as one digit each.
        let body = Array("abc".utf8)
        let sha256sum = try ProcessRunner.run("/usr/bin/sha256sum", [], input: body)
        let fullHex = String(sha256sum.prefix(64))
        var javaStyle = ""
        var index = fullHex.startIndex
        while index < fullHex.endIndex {
            let next = fullHex.index(index, offsetBy: 2)
            let pair = fullHex[index..<next]
            javaStyle += pair.first == "0" ? String(pair.dropFirst()) : String(pair)
            index = next
        }
        #expect(javaStyle.count < 64)
        #expect(HashFile.value(ofBytes: body) == javaStyle)
        #expect(HashFile.value(of: SHA256.hash(body)) == javaStyle)
    }
}

@Suite struct HashFileStreamingTests {
    @Test func streamingInChunksEqualsTheOneShotValue() {
        let body = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let streaming = HashFile.Streaming()
        var start = 0
        while start < body.count {
            let end = min(start + 4093, body.count)
            body[start..<end].withUnsafeBytes { streaming.update($0) }
            start = end
        }
        #expect(streaming.finalize() == HashFile.value(ofBytes: body))
    }
}
