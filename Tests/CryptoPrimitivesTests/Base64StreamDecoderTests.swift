import Foundation
import Testing

@testable import CryptoPrimitives

@Suite struct Base64StreamDecoderTests {
    private func decode(_ chunks: [[UInt8]]) throws -> [UInt8] {
        var decoder = Base64StreamDecoder()
        var output: [UInt8] = []
        for chunk in chunks { try decoder.decode(chunk, into: &output) }
        try decoder.finish(into: &output)
        return output
    }

    @Test func everySplitPointOfEveryPaddingKindDecodesToTheSameBytes() throws {
        for length in 0..<20 {
            let original = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            let encoded = Array(Data(original).base64EncodedString().utf8)
            for first in 0...encoded.count {
                for second in first...encoded.count {
                    let chunks = [Array(encoded[..<first]), Array(encoded[first..<second]), Array(encoded[second...])]
                    #expect(try decode(chunks) == original, "length \(length), splits \(first), \(second)")
                }
            }
        }
    }

    @Test func oneByteAtATimeMatchesFoundation() throws {
        let original = (0..<10_000).map { _ in UInt8.random(in: 0...255) }
        let encoded = Array(Data(original).base64EncodedString().utf8)
        #expect(try decode(encoded.map { [$0] }) == original)
    }

    @Test func whitespaceAndLineBreaksAnywhereAreIgnored() throws {
        let original = Array("Văn bản điện tử".utf8)
        let encoded = Data(original).base64EncodedString(options: [
            .lineLength64Characters, .endLineWithCarriageReturn,
            .endLineWithLineFeed,
        ])
        let spaced = Array(("  \n" + encoded.map { "\($0) \t" }.joined() + "\r\n").utf8)
        #expect(try decode([spaced]) == original)
    }

    @Test func unpaddedFinalGroupsAreAccepted() throws {
        #expect(try decode([Array("YQ".utf8)]) == Array("a".utf8))
        #expect(try decode([Array("YWI".utf8)]) == Array("ab".utf8))
    }

    @Test func invalidCharacterIsReportedWithItsOffset() throws {
        #expect(throws: Base64StreamDecoder.Failure.invalidCharacter(UInt8(ascii: "$"), offset: 5)) {
            try decode([Array("QUJD".utf8), Array("\n$".utf8)])
        }
        #expect(throws: Base64StreamDecoder.Failure.invalidCharacter(UInt8(ascii: "-"), offset: 2)) {
            try decode([Array("ab-_".utf8)])
        }
    }

    @Test func misplacedPaddingAndTruncationAreRejected() throws {
        #expect(throws: Base64StreamDecoder.Failure.dataAfterPadding(offset: 4)) {
            try decode([Array("YQ==QQ==".utf8)])
        }
        #expect(throws: Base64StreamDecoder.Failure.dataAfterPadding(offset: 0)) { try decode([Array("=AAA".utf8)]) }
        #expect(throws: Base64StreamDecoder.Failure.dataAfterPadding(offset: 1)) { try decode([Array("Y===".utf8)]) }
        #expect(throws: Base64StreamDecoder.Failure.truncated) { try decode([Array("QUJDR".utf8)]) }
        #expect(throws: Base64StreamDecoder.Failure.truncated) { try decode([Array("YQ=".utf8)]) }
    }
}
