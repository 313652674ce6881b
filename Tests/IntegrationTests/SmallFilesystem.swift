import Foundation
import Testing

/// A small tmpfs mounted over one of a test's folders (a state directory, a share), to fill up and free again.
/// Mounting needs root, as CI runs; tests using it are enabled only then.
struct SmallFilesystem {
    let path: String

    static var canMount: Bool { getuid() == 0 }

    init(at path: String, size: String) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let mount = try runCommand("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        try #require(mount.status == 0, "mount: \(mount.output)")
    }

    /// Takes every byte left, as other data on the same disk would.
    func fill() throws {
        _ = try runCommand("/bin/dd", ["if=/dev/zero", "of=\(path)/filler", "bs=65536"])
    }

    func free() throws {
        try FileManager.default.removeItem(atPath: path + "/filler")
    }

    /// Lazily, so that a daemon still holding a file open cannot keep the mount alive after the test.
    func unmount() {
        _ = try? runCommand("/bin/umount", ["-l", path])
    }
}
