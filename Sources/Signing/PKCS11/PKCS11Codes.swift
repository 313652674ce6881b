import CPKCS11

/// The PKCS#11 return codes lienthong tells apart, as plain integers so that no C type leaves the module, and
/// their names for messages.
enum PKCS11Codes {
    static let ok = UInt(CKR_OK)
    static let deviceError = UInt(CKR_DEVICE_ERROR)
    static let deviceRemoved = UInt(CKR_DEVICE_REMOVED)
    static let tokenNotPresent = UInt(CKR_TOKEN_NOT_PRESENT)
    static let tokenNotRecognized = UInt(CKR_TOKEN_NOT_RECOGNIZED)
    static let slotIDInvalid = UInt(CKR_SLOT_ID_INVALID)
    static let sessionClosed = UInt(CKR_SESSION_CLOSED)
    static let sessionHandleInvalid = UInt(CKR_SESSION_HANDLE_INVALID)
    static let userNotLoggedIn = UInt(CKR_USER_NOT_LOGGED_IN)
    static let userAlreadyLoggedIn = UInt(CKR_USER_ALREADY_LOGGED_IN)
    static let keyHandleInvalid = UInt(CKR_KEY_HANDLE_INVALID)
    static let objectHandleInvalid = UInt(CKR_OBJECT_HANDLE_INVALID)
    static let pinIncorrect = UInt(CKR_PIN_INCORRECT)
    static let pinLocked = UInt(CKR_PIN_LOCKED)
    static let pinExpired = UInt(CKR_PIN_EXPIRED)
    static let pinLengthRange = UInt(CKR_PIN_LEN_RANGE)
    static let bufferTooSmall = UInt(CKR_BUFFER_TOO_SMALL)
    static let alreadyInitialized = UInt(CKR_CRYPTOKI_ALREADY_INITIALIZED)

    private static let names: [UInt: String] = [
        UInt(CKR_OK): "CKR_OK", UInt(CKR_CANCEL): "CKR_CANCEL", UInt(CKR_HOST_MEMORY): "CKR_HOST_MEMORY",
        UInt(CKR_SLOT_ID_INVALID): "CKR_SLOT_ID_INVALID", UInt(CKR_GENERAL_ERROR): "CKR_GENERAL_ERROR",
        UInt(CKR_FUNCTION_FAILED): "CKR_FUNCTION_FAILED", UInt(CKR_ARGUMENTS_BAD): "CKR_ARGUMENTS_BAD",
        UInt(CKR_ATTRIBUTE_TYPE_INVALID): "CKR_ATTRIBUTE_TYPE_INVALID",
        UInt(CKR_ATTRIBUTE_SENSITIVE): "CKR_ATTRIBUTE_SENSITIVE", UInt(CKR_DEVICE_ERROR): "CKR_DEVICE_ERROR",
        UInt(CKR_DEVICE_MEMORY): "CKR_DEVICE_MEMORY", UInt(CKR_DEVICE_REMOVED): "CKR_DEVICE_REMOVED",
        UInt(CKR_DATA_LEN_RANGE): "CKR_DATA_LEN_RANGE", UInt(CKR_FUNCTION_NOT_SUPPORTED): "CKR_FUNCTION_NOT_SUPPORTED",
        UInt(CKR_KEY_HANDLE_INVALID): "CKR_KEY_HANDLE_INVALID",
        UInt(CKR_KEY_TYPE_INCONSISTENT): "CKR_KEY_TYPE_INCONSISTENT",
        UInt(CKR_KEY_FUNCTION_NOT_PERMITTED): "CKR_KEY_FUNCTION_NOT_PERMITTED",
        UInt(CKR_MECHANISM_INVALID): "CKR_MECHANISM_INVALID",
        UInt(CKR_OBJECT_HANDLE_INVALID): "CKR_OBJECT_HANDLE_INVALID",
        UInt(CKR_OPERATION_ACTIVE): "CKR_OPERATION_ACTIVE", UInt(CKR_PIN_INCORRECT): "CKR_PIN_INCORRECT",
        UInt(CKR_PIN_LEN_RANGE): "CKR_PIN_LEN_RANGE", UInt(CKR_PIN_EXPIRED): "CKR_PIN_EXPIRED",
        UInt(CKR_PIN_LOCKED): "CKR_PIN_LOCKED", UInt(CKR_SESSION_CLOSED): "CKR_SESSION_CLOSED",
        UInt(CKR_SESSION_COUNT): "CKR_SESSION_COUNT", UInt(CKR_SESSION_HANDLE_INVALID): "CKR_SESSION_HANDLE_INVALID",
        UInt(CKR_TOKEN_NOT_PRESENT): "CKR_TOKEN_NOT_PRESENT",
        UInt(CKR_TOKEN_NOT_RECOGNIZED): "CKR_TOKEN_NOT_RECOGNIZED",
        UInt(CKR_USER_NOT_LOGGED_IN): "CKR_USER_NOT_LOGGED_IN",
        UInt(CKR_USER_PIN_NOT_INITIALIZED): "CKR_USER_PIN_NOT_INITIALIZED",
        UInt(CKR_BUFFER_TOO_SMALL): "CKR_BUFFER_TOO_SMALL",
        UInt(CKR_CRYPTOKI_NOT_INITIALIZED): "CKR_CRYPTOKI_NOT_INITIALIZED",
    ]

    /// `CKR_PIN_INCORRECT (0xa0)`, or the hex code alone for a code without a known name.
    static func name(_ code: UInt) -> String {
        let hex = "0x" + String(code, radix: 16)
        guard let name = names[code] else { return hex }
        return "\(name) (\(hex))"
    }
}
