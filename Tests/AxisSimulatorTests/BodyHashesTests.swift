import CryptoPrimitives
import Foundation
import SystemSupport
import Testing

@testable import AxisSimulator

/// The upload's two digests (whole, and without a trailing CRLF) from one pass, across read chunks of 64 KiB.
@Suite struct BodyHashesTests {
    @Test(arguments: [0, 1, 2, 3, 65_535, 65_536, 65_537, 65_538, 200_000])
    func bothDigestsMatchHashingEachLengthOnItsOwn(length: Int) throws {
        for endsWithCRLF in [false, true] where length >= 2 || !endsWithCRLF {
            var body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
            if endsWithCRLF { body.replaceSubrange((length - 2)..<length, with: [0x0D, 0x0A]) } else if length >= 2 { body[length - 1] = 0x41 }
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("body-\(UUID().uuidString)").path
            defer { unlink(path) }
            try DurableFile.write(body, to: path)
            let hashes = try BodyHashes.compute(path: path, length: Int64(length))
            #expect(hashes.full == SHA256.hash(body), "length \(length)")
            let expected = endsWithCRLF ? SHA256.hash(body.dropLast(2)) : nil
            #expect(hashes.withoutTrailingCRLF == expected, "length \(length), CRLF \(endsWithCRLF)")
        }
    }
}
