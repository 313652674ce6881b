/// One-call forms of ``DurableFileWriter`` for files written in one go: after a crash or power loss the file is
/// either complete at `path` or not changed at all (reliability.md, "Durable state").
public enum DurableFile {
    /// The prefix of every temporary file lienthong creates; folder watchers ignore such names.
    public static let temporaryPrefix = ".lienthong-tmp-"

    /// Durably writes `bytes` to `path`, with permissions exactly `mode`.
    /// - Throws: ``SystemError``: `EEXIST` when `path` exists and `replaceExisting` is false (the existing file is
    ///   left as it was); ``SystemError/isNoSpace`` when the disk is full. No temporary file survives an error.
    public static func write(
        _ bytes: [UInt8], to path: String, mode: UInt32 = 0o640, replaceExisting: Bool = false
    ) throws(SystemError) {
        let writer = try DurableFileWriter(creating: path, mode: mode, replaceExisting: replaceExisting)
        try writer.write(bytes)
        try writer.publish()
    }

    /// Durably writes whatever `body` writes into the descriptor it is given (a fresh, empty temporary file) to
    /// `path`, with permissions exactly `mode` (the umask does not apply).
    /// - Throws: ``SystemError`` as ``write(_:to:mode:replaceExisting:)``, and whatever `body` throws. The temporary
    ///   file never survives an error.
    public static func write(
        to path: String, mode: UInt32 = 0o640, replaceExisting: Bool = false,
        body: (FileDescriptor) throws -> Void
    ) throws {
        let writer = try DurableFileWriter(creating: path, mode: mode, replaceExisting: replaceExisting)
        do {
            try body(writer.descriptor)
        } catch {
            writer.abandon()
            throw error
        }
        try writer.publish()
    }
}
