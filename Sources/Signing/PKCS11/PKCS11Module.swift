import CPKCS11
import Foundation
import SystemSupport

/// A token vendor's PKCS#11 module (`signing.pkcs11_module`), loaded with `dlopen` and initialised once per process.
///
/// `C_Initialize` is called with `CKF_OS_LOCKING_OK` (the module may be called from several threads; lienthong
/// serialises its own calls per key anyway) and never undone: a configuration reload reuses the loaded module, as
/// PKCS#11 allows one initialisation per process. The module's function list is the only way in; no C type leaves
/// the PKCS11 files of this module.
final class PKCS11Module: @unchecked Sendable {
    let path: String
    /// Points into the module, which is never unloaded.
    let functions: UnsafeMutablePointer<CK_FUNCTION_LIST>

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: PKCS11Module] = [:]

    private init(path: String, functions: UnsafeMutablePointer<CK_FUNCTION_LIST>) {
        self.path = path
        self.functions = functions
    }

    /// The module at `path`, loaded and initialised on first use. `path` must be absolute and a regular file (a
    /// symbolic link to one is fine: distributions install modules that way).
    static func shared(path: String) throws(PKCS11Error) -> PKCS11Module {
        lock.lock()
        defer { lock.unlock() }
        if let module = loaded[path] { return module }
        let module = try load(path: path)
        loaded[path] = module
        return module
    }

    private static func load(path: String) throws(PKCS11Error) -> PKCS11Module {
        func unusable(_ reason: String) -> PKCS11Error { .moduleUnusable(path: path, reason: reason) }
        guard path.hasPrefix("/") else { throw unusable("the path is not absolute") }
        let kind: FileKind
        do throws(SystemError) {
            let (descriptor, status) = try FileDescriptor.openForReading(path, followingSymlinks: true)
            try? descriptor.close()
            kind = status.kind
        } catch {
            throw unusable(error.isNotFound ? "no such file; install the vendor's middleware" : error.systemMessage)
        }
        guard kind == .regular else { throw unusable("it is \(kind), not a regular file") }
        let getFunctionList: CPKCS11_GetFunctionList
        do throws(DynamicLibraryError) {
            let library = try DynamicLibrary.open(path)
            getFunctionList = unsafeBitCast(try library.symbol("C_GetFunctionList"), to: CPKCS11_GetFunctionList.self)
        } catch {
            throw unusable("\(error)")
        }
        var list: UnsafeMutablePointer<CK_FUNCTION_LIST>?
        let listed = UInt(getFunctionList(&list))
        guard listed == PKCS11Codes.ok, let list else {
            throw unusable("C_GetFunctionList failed with \(PKCS11Codes.name(listed))")
        }
        var arguments = CK_C_INITIALIZE_ARGS()
        arguments.flags = CK_FLAGS(CKF_OS_LOCKING_OK)
        let initialised = UInt(withUnsafeMutablePointer(to: &arguments) { list.pointee.C_Initialize($0) })
        guard initialised == PKCS11Codes.ok || initialised == PKCS11Codes.alreadyInitialized else {
            throw unusable("C_Initialize failed with \(PKCS11Codes.name(initialised))")
        }
        return PKCS11Module(path: path, functions: list)
    }

    /// Runs one PKCS#11 call and throws ``PKCS11Error/call(function:code:)`` unless it returns `CKR_OK`.
    func call(_ function: String, _ body: (CK_FUNCTION_LIST) -> CK_RV) throws(PKCS11Error) {
        let code = UInt(body(functions.pointee))
        guard code == PKCS11Codes.ok else { throw .call(function: function, code: code) }
    }

    /// The tokens present, with their slot, as the module describes them.
    func presentTokens() throws(PKCS11Error) -> [PKCS11TokenInfo] {
        var count: CK_ULONG = 0
        try call("C_GetSlotList") { $0.C_GetSlotList(CK_BBOOL(CK_TRUE), nil, &count) }
        var slots = [CK_SLOT_ID](repeating: 0, count: Int(count))
        try call("C_GetSlotList") { $0.C_GetSlotList(CK_BBOOL(CK_TRUE), &slots, &count) }
        var tokens: [PKCS11TokenInfo] = []
        for slot in slots.prefix(Int(count)) {
            var info = CK_TOKEN_INFO()
            do {
                try call("C_GetTokenInfo") { $0.C_GetTokenInfo(slot, &info) }
            } catch {
                // Unplugged between the two calls: not present.
                if error.isTokenAbsent { continue }
                throw error
            }
            tokens.append(PKCS11TokenInfo(slot: UInt(slot), info: info))
        }
        return tokens
    }
}
