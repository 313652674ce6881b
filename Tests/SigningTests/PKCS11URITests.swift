import Testing

@testable import Signing

/// RFC 7512 URIs as admins write them in `signing.private_key`.
@Suite struct PKCS11URITests {
    @Test func parsesTokenAndKeyAttributesWithPercentEncoding() throws {
        let uri = try PKCS11URI(
            parsing: "pkcs11:token=S%E1%BB%9F%20N%E1%BB%99i%20v%E1%BB%A5;manufacturer=Viettel;serial=0042;"
                + "model=ePass;object=agency%20key;id=%01%A3;type=private")

        #expect(uri.token == "Sở Nội vụ")
        #expect(uri.manufacturer == "Viettel")
        #expect(uri.serial == "0042")
        #expect(uri.model == "ePass")
        #expect(uri.object == "agency key")
        #expect(uri.id == [0x01, 0xA3])
        #expect(uri.keyDescription == "private key with label 'agency key' and id 01a3")
        #expect(uri.matches(label: "Sở Nội vụ", manufacturer: "Viettel", serial: "0042", model: "ePass"))
        #expect(!uri.matches(label: "agency", manufacturer: "Viettel", serial: "0042", model: "ePass"))
    }

    @Test func refusesAPINInTheURIWithoutRepeatingIt() throws {
        for text in ["pkcs11:token=agency;object=k?pin-value=123456", "pkcs11:object=k?pin-source=file:/etc/pin"] {
            #expect {
                _ = try PKCS11URI(parsing: text)
            } throws: { error in
                let message = "\(error)"
                return message.contains("password_file") && !message.contains("123456")
                    && !message.contains("/etc/pin")
            }
        }
    }

    @Test(arguments: [
        ("file:/etc/key.pem", "does not start with pkcs11:"),
        ("pkcs11:token=agency", "names no key"),
        ("pkcs11:object=a;object=b", "object appears twice"),
        ("pkcs11:object=a;slot-id=3", "'slot-id' is not supported"),
        ("pkcs11:object=a;type=cert", "type must be 'private'"),
        ("pkcs11:object=a%2", "two hexadecimal digits"),
        ("pkcs11:object=a?module-path=/usr/lib/x.so", "signing.pkcs11_module"),
    ])
    func refusesWhatItCannotMatch(text: String, expected: String) {
        #expect {
            _ = try PKCS11URI(parsing: text)
        } throws: { error in
            "\(error)".contains(expected)
        }
    }

    @Test func encodesRawECDSASignaturesAsDER() {
        let raw = [UInt8](repeating: 0x80, count: 32) + [0x00, 0x01] + [UInt8](repeating: 0x11, count: 30)
        let der = ECDSASignatureDER.encode(raw: raw)

        #expect(
            der == [0x30, 0x44, 0x02, 0x21, 0x00] + [UInt8](repeating: 0x80, count: 32) + [0x02, 0x1F, 0x01]
                + [UInt8](repeating: 0x11, count: 30))
        #expect(ECDSASignatureDER.encode(raw: [1, 2, 3]) == nil)
    }
}
