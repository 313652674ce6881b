import Foundation

/// The process's peak resident set size (VmHWM) from /proc, resettable through /proc/self/clear_refs.
enum PeakMemory {
    struct Unavailable: Error {}

    static func resetAndRead() throws -> Int {
        try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
        return try read()
    }

    static func read() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .ascii)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kibibytes = Int(line.split(separator: " ", omittingEmptySubsequences: true)[1])
        else { throw Unavailable() }
        return kibibytes * 1024
    }
}
