import CryptoPrimitives
import Foundation

/// The signed PDF being written: a temporary file beside the destination, made durable and renamed into place by
/// ``commit()``, or removed by ``discard()``.
final class SignedFileOutput {
    let finalPath: String
    let temporaryPath: String
    private var fd: Int32

    init(finalPath: String) throws(PAdESError) {
        let url = URL(fileURLWithPath: finalPath)
        self.finalPath = finalPath
        temporaryPath =
            url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).signing").path
        fd = open(temporaryPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .outputFailed(path: finalPath, reason: String(cString: strerror(errno))) }
    }

    deinit { if fd >= 0 { close(fd) } }

    private func failure(_ what: String) -> PAdESError {
        .outputFailed(path: finalPath, reason: "\(what): \(String(cString: strerror(errno)))")
    }

    func copy(from reader: PDFFileReader) throws(PAdESError) {
        do {
            try reader.stream(0..<reader.size) { chunk in try self.append(Array(chunk)) }
        } catch let error as PAdESError {
            throw error
        } catch let error as PDFError {
            throw .pdf(error)
        } catch {
            throw .outputFailed(path: finalPath, reason: "\(error)")
        }
    }

    func write(_ bytes: [UInt8]) throws(PAdESError) { try append(bytes) }

    private func append(_ bytes: [UInt8]) throws(PAdESError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.write(fd, base + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write")
            }
            written += count
        }
    }

    func write(_ bytes: [UInt8], at offset: Int64) throws(PAdESError) {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return pwrite(fd, base + written, buffer.count - written, off_t(offset) + off_t(written))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("write")
            }
            written += count
        }
    }

    /// SHA-256 of `ranges` of what has been written, read back from the file in 64 KiB blocks.
    func sha256(ranges: [Range<Int64>]) throws(PAdESError) -> [UInt8] {
        let hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for range in ranges {
            var offset = range.lowerBound
            while offset < range.upperBound {
                let wanted = Int(min(Int64(buffer.count), range.upperBound - offset))
                let count = buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return pread(fd, base, wanted, off_t(offset))
                }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw failure("read back") }
                buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                offset += Int64(count)
            }
        }
        return hasher.finalize().bytes
    }

    func commit() throws(PAdESError) {
        guard fsync(fd) == 0 else { throw failure("fsync") }
        close(fd)
        fd = -1
        guard rename(temporaryPath, finalPath) == 0 else { throw failure("rename") }
        let directory = open(URL(fileURLWithPath: finalPath).deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
    }

    func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(temporaryPath)
    }
}
