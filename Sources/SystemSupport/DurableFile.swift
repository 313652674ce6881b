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
        try writer(of: bytes, to: path, mode: mode, replaceExisting: replaceExisting).publish()
    }

    /// ``write(_:to:mode:replaceExisting:)`` whose `fsync` of the directory is added to `syncs`: the file's bytes
    /// are durable when it returns, its name only after `syncs.sync()`.
    public static func write(
        _ bytes: [UInt8], to path: String, mode: UInt32 = 0o640, replaceExisting: Bool = false,
        syncs: inout DirectorySyncs
    ) throws(SystemError) {
        try writer(of: bytes, to: path, mode: mode, replaceExisting: replaceExisting).publish(syncs: &syncs)
    }

    /// A writer for `path` holding `bytes`, ready to publish (which syncs the directory through the writer's own
    /// descriptor, without opening it again).
    private static func writer(of bytes: [UInt8], to path: String, mode: UInt32, replaceExisting: Bool)
        throws(SystemError) -> DurableFileWriter
    {
        let writer = try DurableFileWriter(creating: path, mode: mode, replaceExisting: replaceExisting)
        try writer.write(bytes)
        return writer
    }

    /// Durably replaces several files of one directory (`path`, bytes), with one `fsync` of the directory for all
    /// of them: each file is written to its temporary file, `fsync`ed and renamed into place in turn, then the
    /// directory is synced. Each file is whole or as before after a crash; if a later file fails, the earlier ones
    /// are already replaced, so use it for files that are rewritten whole every time (a receipt's two forms).
    public static func write(together files: [(path: String, bytes: [UInt8])], mode: UInt32 = 0o640)
        throws(SystemError)
    {
        var syncs = DirectorySyncs()
        try write(together: files, mode: mode, syncs: &syncs)
        try syncs.sync()
    }

    /// ``write(together:mode:)`` whose `fsync` of the directory is added to `syncs` instead: the files' contents
    /// are durable when it returns, their names only after `syncs.sync()`.
    public static func write(
        together files: [(path: String, bytes: [UInt8])], mode: UInt32 = 0o640, syncs: inout DirectorySyncs
    ) throws(SystemError) {
        guard let first = files.first else { return }
        let directory = PathParts.split(first.path).directory
        precondition(files.allSatisfy { PathParts.split($0.path).directory == directory }, "one directory")
        for file in files {
            let writer = try DurableFileWriter(creating: file.path, mode: mode, replaceExisting: true)
            try writer.write(file.bytes)
            try writer.publish(syncs: &syncs)
        }
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
