import Foundation

extension CommandLine {
    /// This program's own path, from `/proc/self/exe` (argv[0] may be relative or a bare name).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? arguments[0]
    }
}
