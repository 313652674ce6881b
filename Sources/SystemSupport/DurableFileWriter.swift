#if canImport(Glibc)
    import Glibc
#endif

/// A file written so that, after a crash or power loss, its destination holds either the whole new file or what was
/// there before, never a part (reliability.md, "Durable state"). Every file lienthong keeps is written through this
/// type (scratch files removed after use need not be); ``DurableFile`` has one-call forms of it.
///
/// 1. ``init(creating:mode:replaceExisting:)`` creates a hidden temporary file `.lienthong-tmp-<random>` in the
///    destination's directory with `O_CREAT|O_EXCL|O_NOFOLLOW` and permissions exactly `mode` (the umask does not
///    apply), so that nothing is written through a planted link and the final rename stays on one filesystem.
/// 2. ``write(_:)-(UnsafeRawBufferPointer)`` appends pieces of any size through a 64 KiB buffer: a large attachment
///    streams through constant memory, and its bytes are written to the disk as they come (``WriteBehind``), so the
///    final `fsync` has little left to wait for. ``write(_:at:)`` and ``read(into:at:)`` patch and read back what
///    was written (a PDF signature is written into the file and the file hashed around it).
/// 3. ``publish()`` writes out the buffer, `fsync`s the file, renames it to the destination with
///    `renameat2(RENAME_NOREPLACE)` (a replacing rename when `replaceExisting` was asked for), and `fsync`s the
///    directory, so that the name is as durable as the bytes.
/// 4. ``abandon()`` removes the temporary file and leaves the destination untouched. Deinit abandons a writer that
///    was not published, and so does every step that fails: after an error there is no temporary file left.
///
/// Errors are ``SystemError``s naming the destination (the temporary name means nothing to an admin), e.g.
/// "write /var/lib/lienthong/spool/out/12/envelope.edxml failed: No space left on device"; a full disk or quota is
/// recognised by ``SystemError/isNoSpace``, an existing destination by ``SystemError/isAlreadyExists``.
///
/// Not `Sendable`: it owns descriptors. Use one writer from one task.
public final class DurableFileWriter {
    /// Where ``publish()`` puts the file.
    public let destination: String
    /// Whether ``publish()`` replaces a file already at ``destination`` instead of failing with `EEXIST`.
    public let replaceExisting: Bool
    /// The hidden file being written, in the destination's directory. Only for a library that insists on opening
    /// a path itself (ZIPFoundation); call ``flush()`` first, and note that its writes do not count in
    /// ``bytesWritten``.
    public let temporaryPath: String
    /// The bytes appended by ``write(_:)-(UnsafeRawBufferPointer)`` so far, buffered or not.
    public private(set) var bytesWritten: Int64 = 0

    let directory: FileDescriptor
    let descriptor: FileDescriptor
    let temporaryName: String
    private let destinationName: String
    private var buffer: [UInt8] = []
    private var state = State.writing
    /// Whether ``makeContentDurable()`` synced and closed the file already.
    private var contentIsDurable = false
    /// The bytes appended to the file itself (``bytesWritten`` less the buffer).
    private var appended: Int64 = 0
    private(set) var writeBehind = WriteBehind()

    static let bufferCapacity = 64 * 1024

    private enum State {
        case writing
        case published
        case abandoned
    }

    /// Starts a new file for `destination`, whose directory must exist.
    /// - Parameters:
    ///   - mode: the permissions of the published file, exactly (the umask does not apply).
    ///   - replaceExisting: false (the default) for files that must never overwrite anything: an existing
    ///     destination is refused here, before anything is written, and again atomically by the rename. True only
    ///     where replacing is the point (a download replacing its own earlier partial copy, a rewritten status file).
    /// - Throws: ``SystemError``: `EEXIST` when the destination exists (even as a dangling symbolic link) and
    ///   `replaceExisting` is false; `ENOENT` naming the directory when it is missing; `EINVAL` when the path does
    ///   not end in a file name.
    public convenience init(
        creating destination: String, mode: UInt32 = 0o640, replaceExisting: Bool = false
    ) throws(SystemError) {
        let (directoryPath, name) = PathParts.split(destination)
        guard PathParts.isSingleComponent(name) else {
            throw SystemError(operation: "write", path: destination, errno: EINVAL)
        }
        let directory = FileDescriptor(
            owning: try Syscall.open(directoryPath, flags: O_RDONLY | O_DIRECTORY), path: directoryPath)
        if !replaceExisting, (try? Syscall.lstatat(directory.rawDescriptor, name, describedAs: destination)) != nil {
            throw SystemError(operation: "create", path: destination, errno: EEXIST)
        }
        try self.init(
            directory: directory, directoryPath: directoryPath, name: name, mode: mode,
            replaceExisting: replaceExisting)
    }

    /// Creates the temporary file in the open `directory`; `name` is the destination's name in it.
    init(
        directory: FileDescriptor, directoryPath: String, name: String, mode: UInt32, replaceExisting: Bool
    ) throws(SystemError) {
        let destination = PathParts.join(directoryPath, name)
        (descriptor, temporaryName) = try Self.createTemporary(in: directory, mode: mode, describedAs: destination)
        self.directory = directory
        self.destination = destination
        self.destinationName = name
        self.replaceExisting = replaceExisting
        temporaryPath = PathParts.join(directoryPath, temporaryName)
        try run { () throws(SystemError) in
            try Syscall.fchmod(descriptor.rawDescriptor, mode: mode, path: destination)
        }
    }

    deinit { abandon() }

    /// Appends `bytes`. Small pieces are collected in the buffer; a piece as large as the buffer goes straight on.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        try run { () throws(SystemError) in
            if buffer.count + bytes.count > Self.bufferCapacity { try flushBuffer() }
            if bytes.count >= Self.bufferCapacity {
                try descriptor.write(bytes)
                fileGrew(by: bytes.count)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
        bytesWritten += Int64(bytes.count)
    }

    /// Appends `bytes` (an array, a slice, `Data`, a string's `utf8`).
    public func write(_ bytes: some Collection<UInt8>) throws(SystemError) {
        try Self.withRawBytes(of: bytes) { raw throws(SystemError) in try write(raw) }
    }

    /// Writes `bytes` at `offset` of the file (after writing out the buffer), e.g. to fill in a reserved gap.
    /// Appending continues where it was; ``bytesWritten`` does not change.
    public func write(_ bytes: some Collection<UInt8>, at offset: Int64) throws(SystemError) {
        try run { () throws(SystemError) in
            try flushBuffer()
            try Self.withRawBytes(of: bytes) { raw throws(SystemError) in try descriptor.write(raw, at: offset) }
        }
    }

    /// Reads back up to `buffer.count` bytes from `offset` of what was written; returns the number read, 0 at the end.
    public func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(SystemError) -> Int {
        try run { () throws(SystemError) in
            try flushBuffer()
            return try descriptor.read(into: buffer, at: offset)
        }
    }

    /// Hands the buffered bytes to the kernel (they are durable only after ``publish()``).
    public func flush() throws(SystemError) {
        try run { () throws(SystemError) in try flushBuffer() }
    }

    /// Makes the bytes written so far durable and closes the file, without putting it at ``destination`` yet:
    /// ``publish()`` then only renames it (and syncs the directory). For a file whose rename must happen under a
    /// lock that its `fsync` need not hold (a receipt, ``ReceiptFile``). Nothing can be written after it.
    public func makeContentDurable() throws(SystemError) {
        try run { () throws(SystemError) in
            try flushBuffer()
            try descriptor.sync()
            try descriptor.close()
        }
        contentIsDurable = true
    }

    /// Makes the file durable and puts it at ``destination``; see the type's description for the steps.
    ///
    /// If only the final `fsync` of the directory fails, the error is thrown although the file is already in place:
    /// repeat the step (with `replaceExisting`, or after checking the file) rather than assume it is absent.
    /// - Throws: ``SystemError``; `EEXIST` when the destination appeared meanwhile and `replaceExisting` is false
    ///   (the existing file is left as it was). The temporary file is removed on every error before the rename.
    public func publish() throws(SystemError) {
        try publish(syncingDirectory: true)
    }

    /// ``publish()`` with the directory's `fsync` added to `syncs`: the file's content is durable when it returns, its
    /// name only after `syncs.sync()`.
    public func publish(syncs: inout DirectorySyncs) throws(SystemError) {
        try publish(syncingDirectory: false)
        syncs.add(PathParts.split(destination).directory)
    }

    /// ``publish()``, leaving the directory's `fsync` to the caller when `syncingDirectory` is false (several files
    /// published into one directory need it once, ``DurableFile/write(together:mode:)``).
    func publish(syncingDirectory: Bool) throws(SystemError) {
        _ = try publish(syncingDirectory: syncingDirectory) { () throws(SystemError) -> String? in
            if replaceExisting {
                try Syscall.renameat2(
                    directory.rawDescriptor, temporaryName, directory.rawDescriptor, destinationName, noReplace: false,
                    describedAs: destination)
            } else {
                try NoReplaceRename.rename(
                    from: directory.rawDescriptor, temporaryName, to: directory.rawDescriptor, destinationName,
                    describedAs: destination)
            }
            return destination
        }
    }

    /// Removes the temporary file; the destination is untouched. Does nothing after ``publish()`` or a first call.
    public func abandon() {
        guard state == .writing else { return }
        state = .abandoned
        buffer = []
        try? descriptor.close()
        try? Syscall.unlinkat(directory.rawDescriptor, temporaryName, describedAs: temporaryPath)
    }

    /// ``publish()`` with the rename left to `rename`, which renames ``temporaryName`` within ``directory`` and
    /// returns the path it chose, or nil when it found no name (the writer is then abandoned and nil returned).
    func publish(
        syncingDirectory: Bool = true, renaming rename: () throws(SystemError) -> String?
    ) throws(SystemError) -> String? {
        let published = try run(publishing: true) { () throws(SystemError) -> String? in
            if !contentIsDurable {
                try flushBuffer()
                try descriptor.sync()
                try descriptor.close()
            }
            return try rename()
        }
        guard let published else {
            abandon()
            return nil
        }
        state = .published
        if syncingDirectory { try directory.sync() }
        return published
    }

    /// Sets the file's modification time, after writing out the buffer so that no later write changes it again.
    func setModificationTime(_ time: FileTimestamp) throws(SystemError) {
        try run { () throws(SystemError) in
            try flushBuffer()
            try Syscall.setModificationTime(descriptor.rawDescriptor, time, path: destination)
        }
    }

    /// Creates `.lienthong-tmp-<random>` in `directory` with `O_CREAT|O_EXCL|O_NOFOLLOW`: whatever is already at a
    /// name (a file, a planted symbolic link) is never opened, and another name is drawn, up to 16 times.
    static func createTemporary(
        in directory: FileDescriptor, mode: UInt32, describedAs destination: String,
        nextName: () -> String = randomTemporaryName
    ) throws(SystemError) -> (FileDescriptor, String) {
        var attempts = 0
        while true {
            let name = nextName()
            do throws(SystemError) {
                let raw = try Syscall.openat(
                    directory.rawDescriptor, name, flags: O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW, mode: mode,
                    describedAs: destination)
                return (FileDescriptor(owning: raw, path: destination), name)
            } catch  where error.isAlreadyExists && attempts < 16 {
                attempts += 1
            }
        }
    }

    static func randomTemporaryName() -> String {
        var generator = SystemRandomNumberGenerator()
        return DurableFile.temporaryPrefix + String(generator.next() as UInt64, radix: 16)
    }

    private func flushBuffer() throws(SystemError) {
        guard !buffer.isEmpty else { return }
        try Self.withRawBytes(of: buffer) { raw throws(SystemError) in try descriptor.write(raw) }
        fileGrew(by: buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    private func fileGrew(by count: Int) {
        appended += Int64(count)
        writeBehind.fileGrew(to: appended, descriptor: descriptor)
    }

    /// Runs one step on a writer that is still writing; if the step fails, the writer is abandoned. Only
    /// ``publish()`` may follow ``makeContentDurable()`` (`publishing`): anything else abandons the writer, since
    /// what it wrote would be lost.
    private func run<Result>(publishing: Bool = false, _ step: () throws(SystemError) -> Result) throws(SystemError)
        -> Result
    {
        guard state == .writing else {
            let done = state == .published ? "already published" : "abandoned after an earlier error"
            throw SystemError(operation: "write (the file was \(done))", path: destination, errno: EBADF)
        }
        guard publishing || !contentIsDurable else {
            abandon()
            throw SystemError(
                operation: "write (the file's content was already made durable)", path: destination, errno: EBADF)
        }
        do {
            return try step()
        } catch {
            abandon()
            throw error
        }
    }

    private static func withRawBytes<Result>(
        of bytes: some Collection<UInt8>, _ body: (UnsafeRawBufferPointer) throws(SystemError) -> Result
    ) throws(SystemError) -> Result {
        let contiguous = bytes.withContiguousStorageIfAvailable { storage in
            Swift.Result { () throws(SystemError) in try body(UnsafeRawBufferPointer(storage)) }
        }
        if let contiguous { return try contiguous.get() }
        return try Array(bytes).withUnsafeBytes { raw in
            Swift.Result { () throws(SystemError) in try body(raw) }
        }.get()
    }
}
