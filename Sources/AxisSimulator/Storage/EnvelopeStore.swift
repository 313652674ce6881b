import Foundation
import SystemSupport

/// Stored envelope files under `<data>/envelopes/`, written with a `DurableFileWriter`: whole or not at all, and
/// never over an existing file.
struct EnvelopeStore: Sendable {
    let dataDirectory: String
    static let subdirectory = "envelopes"

    var directory: String { (dataDirectory as NSString).appendingPathComponent(Self.subdirectory) }

    func prepare() throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Moves the spooled upload at `source`, cut to its first `length` bytes, to `envelopes/<docId>.edxml`, durably
    /// (`fsync` of the file, then of both folders); returns the path relative to the data directory. The upload is
    /// renamed, never copied, whatever its size; it is copied only when the spool is on another filesystem. The
    /// upload's owner removes it after the reply and must not mind that it is gone.
    func store(adopting source: String, length: Int64, docId: String) throws -> String {
        let relative = "\(Self.subdirectory)/\(docId).edxml"
        let file = try FileDescriptor.openExistingForWriting(source)
        if try file.status().size > length { try file.truncate(to: length) }
        try file.sync()
        try file.close()
        try FileMover.moveReplacingNothing(from: source, to: absolutePath(relative))
        return relative
    }

    func absolutePath(_ relative: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(relative)
    }
}
