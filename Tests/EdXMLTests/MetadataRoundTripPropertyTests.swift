import Foundation
import Testing

@testable import EdXML

/// Property: any metadata the writer is given reads back to the same values. 200 headers from a seeded generator
/// (the same on every run, so a failure names a reproducible case), mixing Vietnamese in NFC and NFD, XML markup
/// characters, characters outside the BMP, and absent (nil) versus empty ("") optional fields.
@Suite struct MetadataRoundTripPropertyTests {
    static let cases = 200
    static let seed: UInt64 = 0x6C69_656E_7468_6F6E  // "lienthon"

    /// SplitMix64: tiny, fast and fully determined by its seed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Builds random metadata from fragments a real header holds.
    struct MetadataGenerator {
        var random: SeededGenerator

        static let fragments = [
            "Ủy ban nhân dân", "tỉnh Nghệ An", "Về việc", "hỏa tốc", "thượng khẩn", "Đảng ủy", "Sở Nội vụ",
            "Quyết định",
            "V/v", "<b>", "</Subject>", "&amp;", "&", "<", ">", "\"", "'", "]]>", "<!--", "-->", "<?xml?>", "a=b",
            "#1", "100%", "Công văn số 12", "ĐỖ THỊ Ánh", "ƯỚC", "𝐀", "😀", "123", "UBND-VX", "TTĐT", "\t", "Lưu: VT",
        ]

        /// Words joined by spaces (sometimes a line break), in NFC or NFD; never with surrounding whitespace,
        /// which the reader trims by design.
        mutating func text() -> String {
            let count = Int.random(in: 1...6, using: &random)
            var words: [String] = []
            for _ in 0..<count {
                var word = Self.fragments.randomElement(using: &random) ?? "x"
                if word == "\t" { word = "a\tb" }
                words.append(word)
            }
            let separator = Int.random(in: 0..<8, using: &random) == 0 ? "\n" : " "
            let joined = words.joined(separator: separator)
            return Bool.random(using: &random)
                ? joined.precomposedStringWithCanonicalMapping : joined.decomposedStringWithCanonicalMapping
        }

        /// nil (element absent), "" (element empty) or text.
        mutating func optional() -> String? {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: return nil
            case 1: return ""
            default: return text()
            }
        }

        mutating func list() -> [String] {
            (0..<Int.random(in: 0...3, using: &random)).map { _ in text() }
        }

        mutating func code() -> String {
            let level = ["H41", "H26", "G22", "W00"].randomElement(using: &random) ?? "H41"
            return String(
                format: "%03d.%02d.%02d.", Int.random(in: 0...999, using: &random),
                Int.random(in: 0...99, using: &random), Int.random(in: 0...99, using: &random)) + level
        }

        mutating func organization() -> Organization {
            Organization(
                organId: code(), organizationInCharge: optional(), organName: optional(), organAdd: optional(),
                email: optional(), telephone: optional(), fax: optional(), website: optional())
        }

        mutating func maybe<T>(_ make: (inout MetadataGenerator) -> T) -> T? {
            Int.random(in: 0..<4, using: &random) == 0 ? nil : make(&self)
        }

        mutating func header() -> DocumentHeader {
            let number = String(Int.random(in: 1...99_999, using: &random))
            let date = String(
                format: "%04d/%02d/%02d", Int.random(in: 2000...2026, using: &random),
                Int.random(in: 1...12, using: &random), Int.random(in: 1...28, using: &random))
            let from = organization()
            return DocumentHeader(
                from: from,
                to: (0..<Int.random(in: 1...3, using: &random)).map { _ in organization() },
                documentId: Bool.random(using: &random) ? "\(from.organId),\(date),\(number)/UBND-VX" : nil,
                code: maybe { .init(codeNumber: $0.optional(), codeNotation: $0.optional()) },
                promulgationInfo: maybe { .init(place: $0.optional(), promulgationDate: $0.optional()) },
                documentType: maybe { .init(type: $0.optional(), typeDetail: $0.optional(), typeName: $0.optional()) },
                subject: optional(),
                content: optional(),
                signerInfo: maybe {
                    .init(competence: $0.optional(), position: $0.optional(), fullName: $0.optional())
                },
                dueDate: optional(),
                toPlaces: list(),
                otherInfo: maybe {
                    .init(
                        priority: $0.optional(), sphereOfPromulgation: $0.optional(), typerNotation: $0.optional(),
                        promulgationAmount: $0.optional(), pageAmount: $0.optional(), direction: $0.optional(),
                        appendixes: $0.list())
                },
                responseFor: (0..<Int.random(in: 0...2, using: &random)).map { _ in
                    ResponseFor(organId: code(), code: optional(), promulgationDate: optional(), documentId: optional())
                },
                steeringType: optional())
        }
    }

    @Test func generatedMetadataWrittenAndReadBackHasTheSameValues() throws {
        let directory = try TemporaryDirectory()
        var generator = MetadataGenerator(random: SeededGenerator(state: Self.seed))
        var sawNFD = false
        var sawMarkup = false
        var sawEmpty = false
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for index in 0..<Self.cases {
            let header = generator.header()
            let path = directory.file("case-\(index).edxml")
            try EdXMLWriter().writeDocument(header: header, traces: [], business: nil, attachments: [], to: path)
            let read = try EdXMLReader().readHeader(from: path)
            // Swift's == on strings is canonical equivalence (NFC == NFD); the JSON bytes compare scalar by scalar,
            // so the form each text was given in must survive too.
            #expect(read.document == header, "case \(index) (seed \(Self.seed)) differs after the round trip")
            #expect(
                try encoder.encode(read.document) == encoder.encode(header),
                "case \(index) (seed \(Self.seed)) changed a text's Unicode form")
            #expect(read.warnings.isEmpty, "case \(index): \(read.warnings)")
            let texts = [header.subject, header.content, header.from.organName].compactMap { $0 }
            sawNFD =
                sawNFD
                || texts.contains {
                    Array($0.unicodeScalars) != Array($0.precomposedStringWithCanonicalMapping.unicodeScalars)
                }
            sawMarkup = sawMarkup || texts.contains { $0.contains("<") || $0.contains("&") }
            sawEmpty = sawEmpty || texts.contains("")
        }
        // The generator really covers what the property is about.
        #expect(sawNFD && sawMarkup && sawEmpty)
    }
}
