import Foundation
import Testing

@testable import CryptoPrimitives

/// SHA-256, its two hex spellings (the axis's `hash-file` drops leading zeros of each byte) and hex decoding.
@Suite struct DigestTests {
    @Test func sha256OfKnownInputsMatchesFIPS180Vectors() {
        #expect(SHA256.hash([UInt8]()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hash(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func aCopyDigestsWhatWasFedBeforeItAndGoesOnAlone() {
        let hasher = SHA256()
        hasher.update(Array("ab".utf8))
        let copy = hasher.copy()
        hasher.update(Array("c".utf8))
        #expect(copy.finalize() == SHA256.hash(Array("ab".utf8)))
        #expect(hasher.finalize() == SHA256.hash(Array("abc".utf8)))
    }

    @Test func feedingInPiecesGivesTheSameDigestAsAtOnce() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 1000, 4096] {
            hasher.update(bytes[offset..<(offset + size)])
            offset += size
        }
        hasher.update(bytes[offset...])
        #expect(hasher.finalize() == SHA256.hash(bytes))
    }

    @Test func javaLossyHexWritesEachByteWithoutItsLeadingZero() {
        let digest = Digest(bytes: [0x00, 0x0a, 0x10, 0xff, 0x01])
        #expect(digest.hex == "000a10ff01")
        #expect(digest.javaLossyHex == "0a10ff1")
    }

    @Test func javaLossyHexOfARealDigestDropsTheZerosOfSmallBytes() {
        // SHA-256("abc") holds the bytes 0x01, 0x03 and 0x00, which Java's Integer.toHexString writes as 1, 3, 0.
        let digest = SHA256.hash(Array("abc".utf8))
        #expect(digest.javaLossyHex == "ba7816bf8f1cfea414140de5dae2223b0361a396177a9cb410ff61f2015ad")
        #expect(digest.javaLossyHex.count < 64)
    }

    @Test func hexRoundTripsAndRejectsOddLengthOrNonHex() {
        let bytes: [UInt8] = [0x00, 0x7f, 0x80, 0xff, 0xab]
        #expect(Hex.encode(bytes) == "007f80ffab")
        #expect(Hex.decode("007F80FFab") == bytes)
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
    }
}
