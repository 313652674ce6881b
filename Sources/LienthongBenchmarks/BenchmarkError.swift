/// A failure that stops the benchmark before all steps have run.
enum BenchmarkError: Error, CustomStringConvertible {
    /// A file or directory operation failed; `reason` is the system's message.
    case io(operation: String, path: String, reason: String)
    /// The in-process lienthong-axis could not be configured or started.
    case simulator(String)
    /// A step of the code under measurement (EdXML, AxisClient) failed.
    case step(name: String, reason: String)

    var description: String {
        switch self {
        case .io(let operation, let path, let reason):
            "cannot \(operation) \(path): \(reason); check that the work directory exists, is writable and has "
                + "room for about six times the attachment size"
        case .simulator(let reason):
            "cannot start the in-process lienthong-axis on loopback: \(reason)"
        case .step(let name, let reason):
            "step '\(name)' failed: \(reason)"
        }
    }
}
