#if canImport(Glibc)
    import Glibc
#endif

/// A shared library loaded with `dlopen(3)` for the life of the process (a PKCS#11 token's module): never closed,
/// because the library may keep threads and the caller keeps pointers into it.
///
/// The one place lienthong calls the dynamic loader; its failures become ``DynamicLibraryError`` with the loader's
/// own explanation (`dlerror`).
public struct DynamicLibrary: @unchecked Sendable {
    /// The path it was loaded from.
    public let path: String
    private let handle: UnsafeMutableRawPointer

    /// Loads `path` with `RTLD_NOW | RTLD_LOCAL`: every symbol is resolved now, so a module built for another
    /// architecture or missing a dependency fails here with the loader's message rather than on first use.
    public static func open(_ path: String) throws(DynamicLibraryError) -> DynamicLibrary {
        _ = dlerror()
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw DynamicLibraryError(path: path, symbol: nil, loaderMessage: lastLoaderMessage())
        }
        return DynamicLibrary(path: path, handle: handle)
    }

    /// The address of the exported function `name`.
    public func symbol(_ name: String) throws(DynamicLibraryError) -> UnsafeMutableRawPointer {
        _ = dlerror()
        guard let address = dlsym(handle, name) else {
            throw DynamicLibraryError(path: path, symbol: name, loaderMessage: Self.lastLoaderMessage())
        }
        return address
    }

    private static func lastLoaderMessage() -> String {
        guard let message = dlerror() else { return "unknown error" }
        return String(cString: message)
    }
}
