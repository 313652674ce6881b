import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The receipt beside a sent document: `x.pdf.receipt.txt` for people, `x.pdf.receipt.json` for software.
///
/// Several writers rewrite one receipt: the outbound filer writes it first, the outbound side adds a line when a
/// revoke, update or replace request about the document is on the axis, and the inbound side adds every status
/// a recipient sends back, possibly at the same moment, from another thread or another process. Every write goes
/// through this type: the read-modify-write of one receipt holds the ``DirectoryLock`` of the folder it is in (a
/// lock that outlives the temporary-file-and-rename writes), so no writer works from a copy another has just
/// replaced and no line is lost; both files are written as with ``DurableFile/write(together:mode:)`` (temporary
/// files, `fsync`, renames, one `fsync` of the folder).
///
/// The JSON file is renamed into place before the text file: whoever sees a line in the text (a clerk, or a script
/// that waits for it) finds the same status in the JSON already. The other way round, a reader could see a status
/// in the text that the JSON did not have yet.
///
/// The files are in the clerks' share: they are read like any untrusted file (no link, one name, bounded size).
public struct ReceiptFile: Sendable {
    /// The largest receipt read back (a receipt grows by a line per status; this is tens of thousands of them).
    public static let maximumSize: Int64 = 16 << 20

    public let textPath: String
    public let jsonPath: String

    /// The receipt of the document filed at `document` (`sent/<day>/x.pdf`, or `sent/<day>/<folder>/document`).
    public init(besides document: String) {
        textPath = document + ".receipt.txt"
        jsonPath = document + ".receipt.json"
    }

    /// The receipt as read under the lock, to be changed by ``update(_:)``.
    public struct Contents {
        /// The text, or nil when there is no text file.
        public var text: String?
        /// The JSON object, or nil when there is no JSON file or it does not hold an object.
        public var json: [String: Any]?
    }

    /// Writes a whole receipt, replacing whatever is there.
    public func write(text: String, json: [String: Any]) throws {
        var syncs = DirectorySyncs()
        try write(text: text, json: json, syncs: &syncs)
        try syncs.sync()
    }

    /// ``write(text:json:)`` whose `fsync` of the folder is added to `syncs` (shared with the moves of the filing
    /// that writes it): the receipt is durable only after `syncs.sync()`.
    ///
    /// A whole receipt does not depend on what was there, so its two files are written and synced before the lock
    /// is taken, and the lock is held only for the two renames: the documents filed at once into one day's folder
    /// do not wait for each other's `fsync`s.
    public func write(text: String, json: [String: Any], syncs: inout DirectorySyncs) throws {
        var writers: [DurableFileWriter] = []
        for (path, bytes) in [(jsonPath, try Self.encode(json)), (textPath, Array(text.utf8))] {
            let writer = try DurableFileWriter(creating: path, mode: 0o640, replaceExisting: true)
            try writer.write(bytes)
            try writer.makeContentDurable()
            writers.append(writer)
        }
        try locked { for writer in writers { try writer.publish(syncs: &syncs) } }
    }

    /// Reads the receipt, lets `change` edit it and writes back each file that changed, all under the lock.
    /// - Throws: ``ReceiptFileError`` when a file of the receipt is unsafe to read, ``SystemError`` when it cannot
    ///   be read or written, and whatever `change` throws; nothing is written then.
    public func update(_ change: (inout Contents) throws -> Void) throws {
        try locked {
            let textBytes = try Self.read(textPath)
            let jsonBytes = try Self.read(jsonPath)
            let original = Contents(
                text: textBytes.map { String(decoding: $0, as: UTF8.self) },
                json: jsonBytes.flatMap { try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] })
            var contents = original
            try change(&contents)
            var changed: [(path: String, bytes: [UInt8])] = []
            if let json = contents.json {
                let encoded = try Self.encode(json)
                if try original.json.map(Self.encode) != encoded { changed.append((jsonPath, encoded)) }
            }
            if let text = contents.text, text != original.text { changed.append((textPath, Array(text.utf8))) }
            try DurableFile.write(together: changed)
        }
    }

    private func locked(_ body: () throws -> Void) throws {
        try DirectoryLock.withExclusiveLock(on: PathParts.split(textPath).directory, body)
    }

    /// Pretty-printed with sorted keys and a final newline: diffs of two receipts show only what changed.
    static func encode(_ object: [String: Any]) throws -> [UInt8] {
        let text =
            try PrettyJSON.encode(object)
            ?? Array(JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]))
        return text + [0x0a]
    }

    /// The bytes of the file at `path`, or nil when there is none.
    static func read(_ path: String) throws -> [UInt8]? {
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: path)
        } catch {
            if case .system(let systemError) = error, systemError.isNotFound { return nil }
            throw ReceiptFileError.unsafe(error)
        }
        defer { try? descriptor.close() }
        guard status.size <= maximumSize else {
            throw ReceiptFileError.tooLarge(path: path, size: status.size, limit: maximumSize)
        }
        var bytes = [UInt8](repeating: 0, count: Int(status.size))
        let count = try bytes.withUnsafeMutableBytes { try descriptor.readFully(into: $0) }
        return Array(bytes[..<count])
    }
}
