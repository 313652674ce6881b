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

    /// Copies the first `length` bytes of `source` to `envelopes/<docId>.edxml`; returns the path relative to the
    /// data directory.
    func store(copying source: String, length: Int64, docId: String) throws -> String {
        let relative = "\(Self.subdirectory)/\(docId).edxml"
        let output = try DurableFileWriter(
            creating: (dataDirectory as NSString).appendingPathComponent(relative), mode: 0o600)
        let (input, _) = try FileDescriptor.openForReading(source)
        try input.forEachChunk(limit: length) { try output.write($0) }
        try output.publish()
        return relative
    }

    func absolutePath(_ relative: String) -> String {
        (dataDirectory as NSString).appendingPathComponent(relative)
    }
}
