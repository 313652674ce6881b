/// A command line `lienthong-bench` cannot run with; the command prints it with the usage and exits 64.
enum BenchmarkUsageError: Error, CustomStringConvertible, Equatable {
    case unknownArgument(String)
    case missingValue(option: String)
    case repeatedOption(String)
    case invalidSize(String)

    var description: String {
        switch self {
        case .unknownArgument(let argument):
            "unknown argument '\(argument)'; the only options are --size-mib and --work-dir"
        case .missingValue(let option):
            "\(option) needs a value, e.g. \(option == "--size-mib" ? "--size-mib 64" : "--work-dir /var/tmp")"
        case .repeatedOption(let option):
            "\(option) is given more than once; give it once"
        case .invalidSize(let value):
            "--size-mib '\(value)' is not a whole number of MiB between 1 and \(BenchmarkOptions.maximumSizeMiB)"
        }
    }
}
