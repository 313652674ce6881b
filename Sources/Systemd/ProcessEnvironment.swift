import Foundation

/// The process environment and name, read through Foundation.
enum ProcessEnvironment {
    static func current() -> [String: String] {
        ProcessInfo.processInfo.environment
    }

    /// The program's name as journald's `SYSLOG_IDENTIFIER`, e.g. `lienthong`.
    static var identifier: String {
        let name = ProcessInfo.processInfo.processName
        return name.isEmpty ? "lienthong" : name
    }
}
