import Foundation
import ZIPFoundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Single-entry ZIP wrapping, as VNPT's software does for attachments (axis-protocol.md section 4): files
/// seen in production are single-entry ZIPs even when `ContentType` says `application/pdf`, so a reader
/// checks the magic bytes, never the declared type.
public enum SingleEntryZip {
    /// The local file header signature `PK\x03\x04`.
    static let magic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Whether the file starts with the ZIP local file header signature.
    public static func isZip(path: String) throws(EdXMLError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { _ = SystemCall.close(fd) }
        var header = [UInt8](repeating: 0, count: 4)
        let count = header.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress, 4) }
        return count == 4 && header == magic
    }

    /// The end-of-central-directory signature `PK\x05\x06`.
    static let endRecordMagic: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    /// The end record is 22 bytes followed by a comment of at most 65,535 bytes, so it lies in the last 65,557.
    static let endRecordSearchWindow = 22 + 65_535

    /// Whether the end-of-central-directory record is where a ZIP has it. Without this check ZIPFoundation looks
    /// for it one seek per byte through the whole file: a 256 MiB attachment that merely starts with `PK` (or a
    /// hostile one) cost 80 s of system calls before it was delivered as received.
    static func hasEndRecord(path: String) throws(EdXMLError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        defer { _ = SystemCall.close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        let size = Int64(status.st_size)
        guard size >= 22 else { return false }
        let count = Int(min(size, Int64(endRecordSearchWindow)))
        var tail = [UInt8](repeating: 0, count: count)
        let read = tail.withUnsafeMutableBytes { raw in pread(fd, raw.baseAddress, count, off_t(size - Int64(count))) }
        guard read == count else { return false }
        var index = count - 22
        while index >= 0 {
            if tail[index..<index + 4].elementsEqual(endRecordMagic) { return true }
            index -= 1
        }
        return false
    }

    /// When `path` is a single-entry ZIP wrapper, extracts its file into the new sibling file `<path>.unzipped`
    /// and returns it; returns nil when `path` is not such a wrapper, to be delivered as received.
    ///
    /// Office documents (DOCX, XLSX, ODT) are ZIPs with many entries, and a damaged file may merely start with
    /// `PK`: neither is a wrapper, so both return nil. A wrapper holds exactly one file (directory entries are
    /// ignored); a symbolic-link entry is refused as hostile.
    /// The uncompressed size is counted as bytes are produced, not taken from the headers, and extraction
    /// stops with an error past `maxUncompressedSize` (zip bombs). The CRC-32 is checked. The output is
    /// fsynced; on failure it is removed.
    public static func unwrapIfZipped(path: String, maxUncompressedSize: Int64) throws(EdXMLError)
        -> UnwrappedAttachment?
    {
        guard try isZip(path: path), try hasEndRecord(path: path) else { return nil }
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            return nil
        }
        var files: [Entry] = []
        for entry in archive {
            switch entry.type {
            case .file: files.append(entry)
            case .directory: continue
            case .symlink: throw .zip(path: path, reason: "it contains a symbolic link, which is refused")
            }
            if files.count > 1 { break }
        }
        guard files.count == 1, let entry = files.first else { return nil }
        let destination = path + ".unzipped"
        let output = try OutputFile(creating: destination)
        do throws(EdXMLError) {
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { data in
                    guard output.bytesWritten + Int64(data.count) <= maxUncompressedSize else {
                        throw SizeCapExceeded()
                    }
                    do throws(EdXMLError) {
                        try output.write(data)
                    } catch {
                        throw WrappedWriteError(error: error)
                    }
                }
            } catch is SizeCapExceeded {
                throw EdXMLError.zip(
                    path: path,
                    reason: "its file is larger than \(maxUncompressedSize) bytes "
                        + "uncompressed (a ZIP bomb, or raise the limit)")
            } catch let wrapped as WrappedWriteError {
                throw wrapped.error
            } catch {
                throw EdXMLError.zip(path: path, reason: "extraction failed (\(error))")
            }
            guard checksum == entry.checksum else {
                throw EdXMLError.zip(
                    path: path, reason: "the CRC-32 of the extracted file does not match; it is corrupt")
            }
            try output.close()
        } catch {
            output.discard()
            throw error
        }
        return UnwrappedAttachment(entryName: entry.path, path: destination, byteSize: output.bytesWritten)
    }

    /// The extensions VNPT's library sends as they are; every other attachment travels as a single-entry ZIP
    /// (axis-protocol.md section 4).
    public static let rawExtensions: Set<String> = ["pdf", "doc", "docx", "xls", "xlsx", "zip"]

    /// Whether an attachment named `fileName` travels raw (by its extension, case ignored) rather than wrapped.
    public static func travelsRaw(fileName: String) -> Bool {
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return false }
        return rawExtensions.contains(fileName[fileName.index(after: dot)...].lowercased())
    }

    /// The entry name VNPT gives a wrapped file: `<uuid>.<ext>`, the extension of `fileName` kept (none if none).
    public static func entryName(for fileName: String, uuid: UUID = UUID()) -> String {
        let base = uuid.uuidString.lowercased()
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex,
            fileName.index(after: dot) != fileName.endIndex
        else { return base }
        return base + "." + fileName[fileName.index(after: dot)...]
    }

    /// Writes a new ZIP at `destination` holding `source` deflated under `entryName`. The source is read through a
    /// provider closure in blocks of at most 64 KiB (`pread` on one descriptor), so memory stays flat for any size.
    /// The archive is built in a temp file, fsynced, then published; an existing `destination` is an error.
    public static func wrap(source: String, entryName: String, destination: String) throws(EdXMLError) {
        guard !entryName.isEmpty, !entryName.contains("/"), !entryName.contains("\\"), !entryName.contains("\0")
        else {
            throw .invalidArgument("the ZIP entry name '\(entryName)' must be a plain file name")
        }
        if FileManager.default.fileExists(atPath: destination) { throw .destinationExists(path: destination) }
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotOpen(path: source, reason: String(cString: strerror(errno))) }
        defer { _ = SystemCall.close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else {
            throw .readFailed(path: source, reason: String(cString: strerror(errno)))
        }
        let size = Int64(status.st_size)
        let modified = Date(timeIntervalSince1970: TimeInterval(status.st_mtim.tv_sec))
        let temporary = DurablePublish.temporaryPath(for: destination)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .create)
            try archive.addEntry(
                with: entryName, type: .file, uncompressedSize: size, modificationDate: modified,
                compressionMethod: .deflate, bufferSize: 64 * 1024
            ) { position, count in
                try readBlock(fd: fd, at: position, count: count, path: source)
            }
        } catch {
            unlink(temporary)
            throw .writeFailed(path: destination, reason: "cannot build the ZIP from \(source) (\(error))")
        }
        do {
            try DurablePublish.syncFile(temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        try DurablePublish.publish(temporary, as: destination)
    }

    /// Exactly `count` bytes at `position`, or an error: the file must not shrink while it is wrapped.
    private static func readBlock(fd: Int32, at position: Int64, count: Int, path: String) throws -> Data {
        var data = Data(count: count)
        var filled = 0
        while filled < count {
            let got = data.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return pread(fd, base + filled, count - filled, off_t(position) + off_t(filled))
            }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else {
                throw EdXMLError.readFailed(path: path, reason: "the file ended early or could not be read")
            }
            filled += got
        }
        return data
    }
}

private struct SizeCapExceeded: Error {}

private struct WrappedWriteError: Error {
    let error: EdXMLError
}
