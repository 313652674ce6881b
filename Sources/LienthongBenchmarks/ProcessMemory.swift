import SystemSupport

/// The process's resident memory as Linux reports it in `/proc/self/status`.
enum ProcessMemory {
    /// Current resident set size (`VmRSS`), in bytes; nil where `/proc` is not available.
    static func residentBytes() -> Int64? { field("VmRSS:") }

    /// Peak resident set size since start or since the last ``resetPeak()`` (`VmHWM`), in bytes.
    static func peakResidentBytes() -> Int64? { field("VmHWM:") }

    /// Resets `VmHWM` to the current RSS by writing "5" to `/proc/self/clear_refs` (Linux 4.0+).
    /// Returns false when the kernel or the container does not allow it.
    @discardableResult
    static func resetPeak() -> Bool {
        do throws(SystemError) {
            let file = try FileDescriptor.openExistingForWriting("/proc/self/clear_refs")
            try file.write(Array("5".utf8))
            try file.close()
            return true
        } catch {
            return false
        }
    }

    /// Whether ``resetPeak()`` really lowers `VmHWM`: touches and frees 96 MiB, then checks that a reset
    /// brings the peak back down to near the current RSS.
    static func peakResetWorks() -> Bool {
        let size = 96 << 20
        let block = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 4096)
        block.initializeMemory(as: UInt8.self, repeating: 1, count: size)
        block.deallocate()
        guard let raised = peakResidentBytes(), resetPeak(), let lowered = peakResidentBytes(),
            let current = residentBytes()
        else { return false }
        return lowered < raised - Int64(size / 2) && lowered <= current + (4 << 20)
    }

    private static func field(_ name: String) -> Int64? {
        guard let (file, _) = try? FileDescriptor.openForReading("/proc/self/status") else { return nil }
        var bytes = [UInt8](repeating: 0, count: 16 * 1024)
        guard let count = try? bytes.withUnsafeMutableBytes({ try file.readFully(into: $0) }) else { return nil }
        let text = String(decoding: bytes[..<count], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            // "VmRSS:	   13472 kB"
            let parts = line.dropFirst(name.count).split { $0 == " " || $0 == "\t" }
            guard let number = parts.first.flatMap({ Int64($0) }) else { return nil }
            let unit = parts.dropFirst().first ?? "kB"
            return unit == "kB" ? number * 1024 : number
        }
        return nil
    }
}
