#if canImport(Glibc)
    import Glibc
#endif

/// A failed system call: which call, on what, and the `errno` text.
public struct SystemCallError: Error, CustomStringConvertible, Sendable, Equatable {
    public let operation: String
    public let subject: String
    public let code: Int32

    public init(_ operation: String, subject: String = "", code: Int32 = errno) {
        self.operation = operation
        self.subject = subject
        self.code = code
    }

    public var description: String {
        let target = subject.isEmpty ? "" : " \(subject)"
        return "\(operation)\(target) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}
