import Foundation

/// Tells a share that is there from the empty mount point it leaves behind when it is unmounted, so that lienthong
/// never writes clerks' documents onto the server's own disk where nobody looks (and where the remounted share
/// would hide them).
///
/// The first time an agency's share root is prepared, a marker file (``fileName``) is written into it and the root
/// is remembered in the state directory (`shares.known`). Afterwards a root without its marker is unavailable: its
/// agency waits and `lienthong status` says why, until the share is mounted again. One instance is shared by every
/// pipeline of a configuration; it is safe to use from several tasks.
public final class ShareMarkers: @unchecked Sendable {
    public static let fileName = ".lienthong-share"

    public enum Availability: Equatable, Sendable {
        case available
        /// The share was prepared before but its marker is gone: unmounted, or replaced by an empty folder.
        case unavailable(String)
    }

    /// `<state_directory>/shares.known`: one prepared share root per line.
    public let knownListPath: String
    // Guarded by `lock`.
    private let lock = NSLock()
    private var known: Set<String>?

    public init(stateDirectory: String) {
        knownListPath = stateDirectory + "/shares.known"
    }

    /// Whether `root` can be written to now; a root never seen before is created and marked.
    public func check(_ root: String) throws(SystemError) -> Availability {
        lock.lock()
        defer { lock.unlock() }
        var known = try loadKnown()
        let marker = root + "/" + Self.fileName
        if (try? FileStatus.lstat(marker)) != nil {
            if !known.contains(root) { try remember(root, in: &known) }
            return .available
        }
        if known.contains(root) {
            return .unavailable(
                "the share \(root) is not there (unmounted?): its marker \(Self.fileName) is missing. Mount it again "
                    + "and lienthong resumes on its own; to start afresh with an empty folder, remove its line from "
                    + knownListPath)
        }
        try Directories.create(root)
        try DurableFile.write(
            Array("lienthong: this folder is an agency's share; do not delete this file.\n".utf8), to: marker,
            mode: 0o644, replaceExisting: true)
        try remember(root, in: &known)
        return .available
    }

    private func loadKnown() throws(SystemError) -> Set<String> {
        if let known { return known }
        let loaded: Set<String>
        do {
            let text = try String(contentsOfFile: knownListPath, encoding: .utf8)
            loaded = Set(text.split(separator: "\n").map(String.init).filter { !$0.isEmpty })
        } catch {
            guard (try? FileStatus.lstat(knownListPath)) == nil else {
                throw SystemError(operation: "read", path: knownListPath, errno: EIO)
            }
            loaded = []
        }
        known = loaded
        return loaded
    }

    private func remember(_ root: String, in known: inout Set<String>) throws(SystemError) {
        known.insert(root)
        let text = known.sorted().joined(separator: "\n") + "\n"
        try DurableFile.write(Array(text.utf8), to: knownListPath, mode: 0o640, replaceExisting: true)
        self.known = known
    }
}
