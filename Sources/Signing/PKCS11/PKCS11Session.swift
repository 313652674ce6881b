import CPKCS11

/// One open session on a token, with the few calls signing needs. Not thread-safe: ``PKCS11Key`` uses it under its
/// lock. Object handles are plain integers and are valid only in this session.
struct PKCS11Session {
    let module: PKCS11Module
    let token: PKCS11TokenInfo
    private let handle: CK_SESSION_HANDLE

    /// A read-only serial session on the token's slot.
    static func open(_ module: PKCS11Module, token: PKCS11TokenInfo) throws(PKCS11Error) -> PKCS11Session {
        var handle: CK_SESSION_HANDLE = 0
        try module.call("C_OpenSession") {
            $0.C_OpenSession(CK_SLOT_ID(token.slot), CK_FLAGS(CKF_SERIAL_SESSION), nil, nil, &handle)
        }
        return PKCS11Session(module: module, token: token, handle: handle)
    }

    /// Logs the user in with `pin` (nil: the reader's PIN pad asks for it). Already logged in (another session of
    /// this process did it) counts as success.
    func login(pin: [UInt8]?) throws(PKCS11Error) {
        var pin = pin ?? []
        defer { pin.wipe() }
        let code = pin.withUnsafeMutableBufferPointer { buffer in
            UInt(
                module.functions.pointee.C_Login(
                    handle, CK_USER_TYPE(CKU_USER), buffer.isEmpty ? nil : buffer.baseAddress, CK_ULONG(buffer.count)))
        }
        guard code == PKCS11Codes.ok || code == PKCS11Codes.userAlreadyLoggedIn else {
            throw .call(function: "C_Login", code: code)
        }
    }

    /// Closes the session; a session already gone with its token is no error.
    func close() {
        _ = module.functions.pointee.C_CloseSession(handle)
    }

    /// Handles of the objects of `objectClass` whose label and id match those given (nil matches any).
    func findObjects(class objectClass: UInt, label: String?, id: [UInt8]?) throws(PKCS11Error) -> [UInt] {
        var template: [(UInt, [UInt8])] = [(UInt(CKA_CLASS), Self.bytes(of: CK_OBJECT_CLASS(objectClass)))]
        if let label { template.append((UInt(CKA_LABEL), Array(label.utf8))) }
        if let id { template.append((UInt(CKA_ID), id)) }
        try withAttributes(template) { attributes, count throws(PKCS11Error) in
            try module.call("C_FindObjectsInit") { $0.C_FindObjectsInit(handle, attributes, count) }
        }
        defer { _ = module.functions.pointee.C_FindObjectsFinal(handle) }
        var found: [UInt] = []
        var batch = [CK_OBJECT_HANDLE](repeating: 0, count: 16)
        while found.count < 256 {
            var count: CK_ULONG = 0
            try module.call("C_FindObjects") { $0.C_FindObjects(handle, &batch, CK_ULONG(batch.count), &count) }
            if count == 0 { break }
            found += batch.prefix(Int(count)).map { UInt($0) }
        }
        return found
    }

    /// The value of one attribute of `object`, or nil when the object does not have it.
    func attribute(_ type: UInt, of object: UInt) throws(PKCS11Error) -> [UInt8]? {
        var query = CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(type), pValue: nil, ulValueLen: 0)
        let sized = UInt(module.functions.pointee.C_GetAttributeValue(handle, CK_OBJECT_HANDLE(object), &query, 1))
        if sized == UInt(CKR_ATTRIBUTE_TYPE_INVALID) || query.ulValueLen == CK_ULONG.max { return nil }
        guard sized == PKCS11Codes.ok else { throw .call(function: "C_GetAttributeValue", code: sized) }
        var value = [UInt8](repeating: 0, count: Int(query.ulValueLen))
        let code = value.withUnsafeMutableBytes { buffer in
            query.pValue = buffer.baseAddress
            return UInt(module.functions.pointee.C_GetAttributeValue(handle, CK_OBJECT_HANDLE(object), &query, 1))
        }
        guard code == PKCS11Codes.ok else { throw .call(function: "C_GetAttributeValue", code: code) }
        return Array(value.prefix(Int(query.ulValueLen)))
    }

    /// One signature by `key` with `mechanism` (no parameters) over `data`.
    func sign(mechanism: UInt, key: UInt, data: [UInt8]) throws(PKCS11Error) -> [UInt8] {
        var mechanismValue = CK_MECHANISM(mechanism: CK_MECHANISM_TYPE(mechanism), pParameter: nil, ulParameterLen: 0)
        try module.call("C_SignInit") { $0.C_SignInit(handle, &mechanismValue, CK_OBJECT_HANDLE(key)) }
        var input = data
        // Large enough for RSA 8192 and any EC curve, so one C_Sign call suffices (a size query would be a second
        // operation some tokens count against their PIN cache).
        var output = [UInt8](repeating: 0, count: 1024)
        var length = CK_ULONG(output.count)
        try module.call("C_Sign") { $0.C_Sign(handle, &input, CK_ULONG(input.count), &output, &length) }
        return Array(output.prefix(Int(length)))
    }

    private static func bytes<T>(of value: T) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    /// Calls `body` with a C template of `attributes` whose value pointers stay valid during the call.
    private func withAttributes(
        _ attributes: [(UInt, [UInt8])],
        _ body: (UnsafeMutablePointer<CK_ATTRIBUTE>, CK_ULONG) throws(PKCS11Error) -> Void
    ) throws(PKCS11Error) {
        let values = attributes.map { _, value in
            let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(1, value.count), alignment: 8)
            if !value.isEmpty {
                value.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: value.count) }
            }
            return pointer
        }
        defer { values.forEach { $0.deallocate() } }
        var template = zip(attributes, values).map { attribute, pointer in
            CK_ATTRIBUTE(type: CK_ATTRIBUTE_TYPE(attribute.0), pValue: pointer, ulValueLen: CK_ULONG(attribute.1.count))
        }
        try template.withUnsafeMutableBufferPointer { buffer throws(PKCS11Error) in
            try body(buffer.baseAddress!, CK_ULONG(buffer.count))
        }
    }
}
