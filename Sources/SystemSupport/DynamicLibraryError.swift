/// `dlopen` or `dlsym` failed.
public struct DynamicLibraryError: Error, Sendable, CustomStringConvertible {
    public let path: String
    /// The symbol looked up, or nil when the library itself did not load.
    public let symbol: String?
    /// `dlerror()`'s text, e.g. `libfoo.so: cannot open shared object file: No such file or directory`.
    public let loaderMessage: String

    public var description: String {
        if let symbol { return "\(path) does not export \(symbol) (\(loaderMessage))" }
        return "\(path) cannot be loaded (\(loaderMessage))"
    }
}
