import CPKCS11

/// What a slot's token says about itself (`CK_TOKEN_INFO`), with the blank padding removed.
struct PKCS11TokenInfo: Sendable, Equatable {
    let slot: UInt
    let label: String
    let manufacturer: String
    let model: String
    let serial: String
    let flags: UInt

    init(slot: UInt, info: CK_TOKEN_INFO) {
        self.slot = slot
        label = Self.text(info.label)
        manufacturer = Self.text(info.manufacturerID)
        model = Self.text(info.model)
        serial = Self.text(info.serialNumber)
        flags = UInt(info.flags)
    }

    var loginRequired: Bool { flags & UInt(CKF_LOGIN_REQUIRED) != 0 }
    var hasPINPad: Bool { flags & UInt(CKF_PROTECTED_AUTHENTICATION_PATH) != 0 }
    var pinLocked: Bool { flags & UInt(CKF_USER_PIN_LOCKED) != 0 }
    var pinFinalTry: Bool { flags & UInt(CKF_USER_PIN_FINAL_TRY) != 0 }

    /// `'agency' (SoftHSM v2, serial 30a692b0c3bd3f34)`, for check-config and messages.
    var description: String { "'\(label)' (\(model), serial \(serial))" }

    /// Fixed-width, blank-padded UTF-8 as PKCS#11 stores token fields.
    private static func text<T>(_ field: T) -> String {
        withUnsafeBytes(of: field) { raw in
            var end = raw.count
            while end > 0 && (raw[end - 1] == 0x20 || raw[end - 1] == 0) { end -= 1 }
            return String(decoding: raw.prefix(end), as: UTF8.self)
        }
    }
}
