/// The command line of `lienthong-bench`, parsed by hand (the target does not depend on swift-argument-parser).
struct BenchmarkOptions: Sendable, Equatable {
    /// Size of the random attachment, in MiB.
    var sizeMiB: Int = 1024
    /// Where the fresh scratch directory is created; the system temp directory when nil.
    var workDirectory: String?

    /// Largest accepted `--size-mib` (64 GiB): beyond it the scratch files would not fit on a normal disk.
    static let maximumSizeMiB = 65_536

    static let usage = """
        usage: lienthong-bench [--size-mib N] [--work-dir DIR]

        Measures streaming and memory of edXML write/read and of an axis upload, downloadEdoc and getEdoc through an
        in-process lienthong-axis on loopback, with a random attachment of N MiB.

          --size-mib N    attachment size in MiB, 1...\(maximumSizeMiB) (default 1024)
          --work-dir DIR  parent of the scratch directory (default: the system temp directory); the scratch
                          directory needs about 6 x N MiB of free space and is removed at the end
          -h, --help      show this help

        Exit status: 0 every step kept memory flat and every hash matched, 1 otherwise, 64 bad usage.
        """

    /// Parses the arguments after the program name; nil means help was asked for.
    static func parse(_ arguments: [String]) throws(BenchmarkUsageError) -> BenchmarkOptions? {
        var options = BenchmarkOptions()
        var seen = Set<String>()
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "-h" || argument == "--help" { return nil }
            let name: String
            var value: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                name = argument
            }
            guard name == "--size-mib" || name == "--work-dir" else { throw .unknownArgument(argument) }
            guard seen.insert(name).inserted else { throw .repeatedOption(name) }
            if value == nil { value = remaining.popFirst() }
            guard let value, !value.isEmpty else { throw .missingValue(option: name) }
            if name == "--size-mib" {
                guard let size = Int(value), (1...maximumSizeMiB).contains(size) else {
                    throw .invalidSize(value)
                }
                options.sizeMiB = size
            } else {
                options.workDirectory = value
            }
        }
        return options
    }
}
