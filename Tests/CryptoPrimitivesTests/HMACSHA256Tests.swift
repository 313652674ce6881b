import Testing

@testable import CryptoPrimitives

/// HMAC-SHA256 against RFC 4231's test cases, and the hex the axis's `XroadVnpt-hash-header` carries.
@Suite struct HMACSHA256Tests {
    @Test func rfc4231TestCase1() {
        let code = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8))
        #expect(code.hex == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func rfc4231TestCase2ThroughTheStringForm() {
        #expect(
            HMACSHA256.hex(key: "Jefe", message: "what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func rfc4231TestCase6KeyLongerThanABlockIsHashedFirst() {
        let code = HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8))
        #expect(code.hex == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func differentKeysGiveDifferentCodes() {
        #expect(HMACSHA256.hex(key: "a", message: "m") != HMACSHA256.hex(key: "b", message: "m"))
    }
}
