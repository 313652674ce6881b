import AxisSimulator
import Foundation

/// Writes `{"admin_port":M,"port":N}` atomically (temp file then rename), so a reader never sees half a file.
enum PortFile {
    static func write(_ ports: AxisSimulator.Ports, to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(ports)
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
