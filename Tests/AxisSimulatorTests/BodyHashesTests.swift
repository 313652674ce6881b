import CryptoPrimitives
import Foundation
import Testing

@testable import AxisSimulator

/// The upload's two digests (whole, and without a trailing CRLF) from one pass over the pieces as they arrive,
/// however the body is cut.
@Suite struct BodyHashesTests {
    @Test(arguments: [0, 1, 2, 3, 65_535, 65_536, 65_537, 65_538, 200_000])
    func bothDigestsMatchHashingEachLengthOnItsOwn(length: Int) throws {
        for endsWithCRLF in [false, true] where length >= 2 || !endsWithCRLF {
            var body = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }
            if endsWithCRLF {
                body.replaceSubrange((length - 2)..<length, with: [0x0D, 0x0A])
            } else if length >= 2 {
                body[length - 1] = 0x41
            }
            let expected = endsWithCRLF ? SHA256.hash(body.dropLast(2)) : nil
            // Whole, in 64 KiB pieces, one byte at a time (small bodies), and with the CRLF split across pieces.
            var cuts: [[Int]] = [[length], Array(stride(from: 65_536, to: length, by: 65_536)) + [length]]
            if length <= 3 { cuts.append(Array(stride(from: 1, through: length, by: 1))) }
            if length >= 2 { cuts.append([length - 1, length]) }
            for ends in cuts {
                let hashes = BodyHashes.Streaming()
                var start = 0
                for end in ends where end >= start {
                    body[start..<end].withUnsafeBytes { hashes.update($0) }
                    start = end
                }
                let result = hashes.finish()
                #expect(result.full == SHA256.hash(body), "length \(length), cut at \(ends)")
                #expect(
                    result.withoutTrailingCRLF == expected, "length \(length), CRLF \(endsWithCRLF), cut at \(ends)")
            }
        }
    }
}
