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
        guard try isZip(path: path) else { return nil }
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

    /// Writes a new ZIP at `destination` holding `source` (deflated, read in chunks) under `entryName`.
    /// The archive is built in a temp file, fsynced, then published; an existing `destination` is an error.
    public static func wrap(source: String, entryName: String, destination: String) throws(EdXMLError) {
        guard !entryName.isEmpty, !entryName.contains("/"), !entryName.contains("\\"), !entryName.contains("\0")
        else {
            throw .invalidArgument("the ZIP entry name '\(entryName)' must be a plain file name")
        }
        if FileManager.default.fileExists(atPath: destination) { throw .destinationExists(path: destination) }
        let temporary = DurablePublish.temporaryPath(for: destination)
        do {
            let archive = try Archive(url: URL(fileURLWithPath: temporary), accessMode: .create)
            try archive.addEntry(with: entryName, fileURL: URL(fileURLWithPath: source), compressionMethod: .deflate)
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
}

private struct SizeCapExceeded: Error {}

private struct WrappedWriteError: Error {
    let error: EdXMLError
}
