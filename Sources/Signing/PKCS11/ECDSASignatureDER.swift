/// PKCS#11 `CKM_ECDSA` returns the raw `r‖s` (two big-endian halves of equal length); CMS wants the DER
/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 5753, RFC 3279).
enum ECDSASignatureDER {
    /// The DER encoding of the raw `r‖s`, or nil when `raw` is empty or of odd length.
    static func encode(raw: [UInt8]) -> [UInt8]? {
        guard !raw.isEmpty, raw.count % 2 == 0 else { return nil }
        let half = raw.count / 2
        let body = integer(raw[..<half]) + integer(raw[half...])
        return [0x30] + length(body.count) + body
    }

    /// A non-negative DER INTEGER: no leading zero octets, one added when the top bit is set.
    private static func integer(_ magnitude: ArraySlice<UInt8>) -> [UInt8] {
        var octets = Array(magnitude.drop { $0 == 0 })
        if octets.isEmpty { octets = [0] }
        if octets[0] & 0x80 != 0 { octets.insert(0, at: 0) }
        return [0x02] + length(octets.count) + octets
    }

    private static func length(_ count: Int) -> [UInt8] {
        if count < 0x80 { return [UInt8(count)] }
        var octets: [UInt8] = []
        var remaining = count
        while remaining > 0 {
            octets.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return [0x80 | UInt8(octets.count)] + octets
    }
}
