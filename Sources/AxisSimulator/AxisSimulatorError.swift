/// Why the simulator could not start.
public enum AxisSimulatorError: Error, CustomStringConvertible, Sendable, Equatable {
    case dataDirectoryInUse(String)

    public var description: String {
        switch self {
        case .dataDirectoryInUse(let path):
            "another lienthong-axis is already using the data directory \(path); stop it or choose another "
                + "data_directory"
        }
    }
}
