/// Sizes as written in the configuration: `500MiB`, `1GiB`, `200MB`, `64KiB`, or a bare integer of bytes.
/// Binary units (KiB, MiB, GiB, TiB) are powers of 1024; decimal ones (kB, MB, GB, TB) powers of 1000.
enum ByteSizeSyntax {
    static let examples = "500MiB, 1GiB, 200MB or a number of bytes"

    private static let unitBytes: [String: Int64] = [
        "b": 1,
        "k": 1000, "kb": 1000, "mb": 1_000_000, "gb": 1_000_000_000, "tb": 1_000_000_000_000,
        "kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40,
    ]

    /// The size in bytes, or `nil` when `text` is not a size or does not fit in 63 bits.
    static func parse(_ text: String) -> Int64? {
        let trimmed = text.trimmingWhitespace()
        let digits = trimmed.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 19, let number = Int64(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingPrefix(" ").lowercased()
        guard !unit.isEmpty else { return number }
        guard let scale = unitBytes[unit] else { return nil }
        let (bytes, overflow) = number.multipliedReportingOverflow(by: scale)
        return overflow ? nil : bytes
    }
}
