import Foundation

/// Stored envelope files under `<data>/envelopes/`, written durably: a temp file created with
/// `O_EXCL|O_NOFOLLOW`, fsynced, linked to its final name (which fails rather than replace), and the directory
/// fsynced.
struct EnvelopeStore: Sendable {
    let dataDirectory: String
    static let subdirectory = "envelopes"

    var directory: String { (dataDirectory as NSString).appendingPathComponent(Self.subdirectory) }

    func prepare() throws {
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Copies the first `length` bytes of `source` to `envelopes/<docId>.edxml`; returns the path relative to the
    /// data directory.
    func store(copying source: String, length: Int64, docId: String) throws -> String {
        let relative = "\(Self.subdirectory)/\(docId).edxml"
        let final = (dataDirectory as NSString).appendingPathComponent(relative)
        let temporary = (directory as NSString).appendingPathComponent(".\(docId).\(UUID().uuidString).tmp")
        do {
            let output = try PosixFile.createExclusive(temporary)
            let input = try PosixFile.openForReading(source)
            try input.forEachChunk(limit: length) { try output.write($0) }
            try output.sync()
            output.close()
            guard link(temporary, final) == 0 else { throw SystemCallError("link", subject: final) }
            unlink(temporary)
            let directoryHandle = try PosixFile.openDirectory(directory)
            try directoryHandle.sync()
        } catch {
            unlink(temporary)
            throw error
        }
        return relative
    }

    func absolutePath(_ relative: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(relative)
    }
}
