import CryptoPrimitives
import Foundation
import Testing

/// Finds the one DER GeneralizedTime (tag 0x18) in a PDF's hex-encoded `/Contents` and rewrites its digits.
///
/// Works on the file's bytes: decoding a PDF as UTF-8 replaces its binary bytes, which shifts every offset after
/// them (the cause of an earlier test that altered the wrong digit on some dates).
enum GeneralizedTimeInHex {
    /// Calls `change` with the time's ASCII characters (`YYYYMMDDhhmmss[.f…]Z`) and writes back what it left.
    static func alter(inFileAt path: String, _ change: (inout [UInt8]) -> Void) throws {
        let url = URL(fileURLWithPath: path)
        var bytes = [UInt8](try Data(contentsOf: url))
        let found = try #require(locate(in: bytes), "no hex-encoded GeneralizedTime in \(path)")
        var time = (0..<found.length).map { index in
            byte(fromHex: bytes[found.offset + 2 * index], bytes[found.offset + 2 * index + 1])!
        }
        change(&time)
        for (index, value) in time.enumerated() {
            bytes.replaceSubrange(
                (found.offset + 2 * index)..<(found.offset + 2 * index + 2), with: Array(Hex.encode([value]).utf8))
        }
        try Data(bytes).write(to: url)
    }

    /// The offset of the time's first hex character and its length in bytes: `18 LL` followed by LL bytes that are
    /// digits, then optional fraction, ending in `Z`.
    static func locate(in bytes: [UInt8]) -> (offset: Int, length: Int)? {
        let tag = Array("18".utf8)
        var start = 0
        while start + 4 < bytes.count {
            guard bytes[start] == tag[0], bytes[start + 1] == tag[1],
                let length = byte(fromHex: bytes[start + 2], bytes[start + 3]), (15...23).contains(length),
                start + 4 + 2 * Int(length) <= bytes.count
            else {
                start += 1
                continue
            }
            let content = start + 4
            let characters = (0..<Int(length)).compactMap {
                byte(fromHex: bytes[content + 2 * $0], bytes[content + 2 * $0 + 1])
            }
            if characters.count == Int(length), characters.prefix(14).allSatisfy({ (0x30...0x39).contains($0) }),
                characters.last == UInt8(ascii: "Z")
            {
                return (content, Int(length))
            }
            start += 1
        }
        return nil
    }

    private static func byte(fromHex high: UInt8, _ low: UInt8) -> UInt8? {
        Hex.decode(String(decoding: [high, low], as: UTF8.self))?.first
    }
}
