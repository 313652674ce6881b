import Foundation
import SystemSupport
import ZIPFoundation

/// Single-entry ZIP wrapping, as VNPT's software does for attachments (axis-protocol.md section 4): files
/// seen in production are single-entry ZIPs even when `ContentType` says `application/pdf`, so a reader
/// checks the magic bytes, never the declared type.
public enum SingleEntryZip {
    /// The local file header signature `PK\x03\x04`.
    static let magic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]

    /// Whether the file starts with the ZIP local file header signature.
    public static func isZip(path: String) throws(EdXMLError) -> Bool {
        let input = try openForReading(path)
        var header = [UInt8](repeating: 0, count: 4)
        return try read(input, into: &header, at: 0, path: path) == 4 && header == magic
    }

    /// The end-of-central-directory signature `PK\x05\x06`.
    static let endRecordMagic: [UInt8] = [0x50, 0x4B, 0x05, 0x06]
    /// The end record is 22 bytes followed by a comment of at most 65,535 bytes, so it lies in the last 65,557.
    static let endRecordSearchWindow = 22 + 65_535

    /// Whether the end-of-central-directory record is where a ZIP has it. Without this check ZIPFoundation looks
    /// for it one seek per byte through the whole file: a 256 MiB attachment that merely starts with `PK` (or a
    /// hostile one) cost 80 s of system calls before it was delivered as received.
    static func hasEndRecord(path: String) throws(EdXMLError) -> Bool {
        let input = try openForReading(path)
        let size: Int64
        do {
            size = try input.status().size
        } catch {
            throw .cannotOpen(path: path, reason: error.systemMessage)
        }
        guard size >= 22 else { return false }
        let count = Int(min(size, Int64(endRecordSearchWindow)))
        var tail = [UInt8](repeating: 0, count: count)
        guard try read(input, into: &tail, at: size - Int64(count), path: path) == count else { return false }
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
    /// stops with an error past `maxUncompressedSize` (zip bombs). The CRC-32 is checked. The output is written
    /// with a `DurableFileWriter` (whole or not at all; an existing `<path>.unzipped` is never overwritten).
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
        let size = try DurableOutput.write(to: destination) { output throws(EdXMLError) -> Int64 in
            let checksum: CRC32
            do {
                checksum = try archive.extract(entry, skipCRC32: false) { data in
                    guard output.bytesWritten + Int64(data.count) <= maxUncompressedSize else {
                        throw SizeCapExceeded()
                    }
                    do throws(EdXMLError) {
                        try DurableOutput.append(data, to: output)
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
            return output.bytesWritten
        }
        return UnwrappedAttachment(entryName: entry.path, path: destination, byteSize: size)
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
    /// The archive is built with a `DurableFileWriter`: whole or not at all; an existing `destination` is an error.
    public static func wrap(source: String, entryName: String, destination: String) throws(EdXMLError) {
        guard !entryName.isEmpty, !entryName.contains("/"), !entryName.contains("\\"), !entryName.contains("\0")
        else {
            throw .invalidArgument("the ZIP entry name '\(entryName)' must be a plain file name")
        }
        try DurableOutput.write(to: destination) { output throws(EdXMLError) in
            // An empty archive (its end record alone) is what ZIPFoundation itself writes before adding to it.
            try DurableOutput.append(endRecordMagic + [UInt8](repeating: 0, count: 18), to: output)
            let input = try openForReading(source)
            let status: FileStatus
            do throws(SystemError) {
                status = try input.status()
            } catch {
                throw .readFailed(path: source, reason: error.systemMessage)
            }
            try addEntry(
                entryName, from: input, source: source, size: status.size,
                modified: Date(timeIntervalSince1970: TimeInterval(status.modificationTime.seconds)), to: output)
        }
    }

    /// Lets ZIPFoundation add the entry to the empty archive in `output`'s temporary file, then checks that the
    /// archive on disk is whole: ZIPFoundation writes through a `FILE` buffer and ignores errors of its last flush.
    private static func addEntry(
        _ entryName: String, from input: FileDescriptor, source: String, size: Int64, modified: Date,
        to output: DurableFileWriter
    ) throws(EdXMLError) {
        do {
            try output.flush()
        } catch {
            throw .writing(output.destination, error)
        }
        let url = URL(fileURLWithPath: output.temporaryPath)
        do {
            let archive = try Archive(url: url, accessMode: .update)
            try archive.addEntry(
                with: entryName, type: .file, uncompressedSize: size, modificationDate: modified,
                compressionMethod: .deflate, bufferSize: 64 * 1024
            ) { position, count in
                try readBlock(input, at: position, count: count, path: source)
            }
        } catch let error as EdXMLError {
            throw error
        } catch {
            // ZIPFoundation reports a failed fwrite without its errno; the errno of that write is still set.
            let lastError = SystemError.lastError(operation: "write", path: output.destination)
            if lastError.isNoSpace { throw .writeFailed(lastError) }
            throw .zipNotBuilt(path: output.destination, source: source, reason: "\(error)")
        }
        let entry = try? Archive(url: url, accessMode: .read, pathEncoding: nil).makeIterator().next()
        guard let entry, entry.uncompressedSize == UInt64(size) else {
            throw .zipNotBuilt(
                path: output.destination, source: source,
                reason: "the archive on disk is incomplete; check free space in its directory")
        }
    }

    /// Exactly `count` bytes at `position`, or an error: the file must not shrink while it is wrapped.
    private static func readBlock(_ input: FileDescriptor, at position: Int64, count: Int, path: String) throws
        -> Data
    {
        var data = Data(count: count)
        let filled = try data.withUnsafeMutableBytes { (buffer: UnsafeMutableRawBufferPointer) throws -> Int in
            do throws(SystemError) {
                return try input.readFully(into: buffer, at: position)
            } catch {
                throw EdXMLError.readFailed(path: path, reason: error.systemMessage)
            }
        }
        guard filled == count else {
            throw EdXMLError.readFailed(path: path, reason: "the file ended early; it changed while it was wrapped")
        }
        return data
    }

    private static func openForReading(_ path: String) throws(EdXMLError) -> FileDescriptor {
        do {
            return try FileDescriptor.openForReading(path, followingSymlinks: true).0
        } catch {
            throw .cannotOpen(path: path, reason: error.systemMessage)
        }
    }

    /// Up to `bytes.count` bytes at `offset` into `bytes`; returns the number read.
    private static func read(
        _ input: FileDescriptor, into bytes: inout [UInt8], at offset: Int64, path: String
    ) throws(EdXMLError) -> Int {
        let result = bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try input.readFully(into: buffer, at: offset) }
        }
        do {
            return try result.get()
        } catch {
            throw .readFailed(path: path, reason: error.systemMessage)
        }
    }
}

private struct SizeCapExceeded: Error {}

private struct WrappedWriteError: Error {
    let error: EdXMLError
}
