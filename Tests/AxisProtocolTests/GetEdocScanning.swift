import Foundation

@testable import AxisProtocol

/// Feeds getEdoc replies to ``GetEdocReplyScanner`` in different piece sizes, and decodes them independently with
/// Foundation for comparison.
enum GetEdocScanning {
    typealias Decoded = Result<Scanned, AxisReplyError>

    struct Scanned: Equatable {
        let outcome: GetEdocReplyScanner.Outcome
        let document: [UInt8]
    }

    /// The body fed to the scanner in pieces of `sizes` (repeated), e.g. `[1]` byte by byte.
    static func scan(_ body: [UInt8], pieces sizes: [Int], limits: GetEdocReplyScanner.Limits = .init()) -> Decoded {
        var scanner = GetEdocReplyScanner(limits: limits)
        var document: [UInt8] = []
        var start = 0
        var turn = 0
        do throws(AxisReplyError) {
            while start < body.count {
                let end = min(body.count, start + max(1, sizes[turn % sizes.count]))
                try scanner.consume(Array(body[start..<end]), into: &document)
                start = end
                turn += 1
            }
            return .success(Scanned(outcome: try scanner.finish(), document: document))
        } catch {
            return .failure(error)
        }
    }

    /// The whole body in one piece.
    static func oneShot(_ body: [UInt8], limits: GetEdocReplyScanner.Limits = .init()) -> Decoded {
        scan(body, pieces: [max(1, body.count)], limits: limits)
    }

    /// Random piece sizes from 1 to `maximum`, reproducible from `seed`.
    static func randomSizes(seed: UInt64, count: Int = 64, maximum: Int = 97) -> [Int] {
        var state = seed | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(maximum)) + 1
        }
    }

    /// Foundation's reading of a reply: `JSONSerialization`, then the `data` string without whitespace decoded by
    /// `Data(base64Encoded:)`. Nil when Foundation cannot read it.
    static func foundationDocument(_ body: [UInt8]) -> [UInt8]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else { return nil }
        let key = object.keys.first { $0.lowercased() == "data" }
        guard let key, let text = object[key] as? String else { return nil }
        var base64 = text.filter { !$0.isWhitespace }
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { Array($0) }
    }

    /// Deterministic bytes covering every byte value.
    static func document(_ count: Int, seed: UInt32 = 0x1234_5678) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
