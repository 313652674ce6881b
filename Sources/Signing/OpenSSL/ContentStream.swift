import COpenSSL
import CryptoPrimitives
import Foundation

/// A document opened for OpenSSL to stream through a file-descriptor BIO, in constant memory.
///
/// OpenSSL's CMS copy loops stop quietly at a read error, so ``confirmFullyRead()`` checks afterwards that every
/// byte was read and that the file did not change meanwhile; otherwise a signature could cover a truncated file.
final class ContentStream {
    let path: String
    let bio: OpaquePointer
    private let opened: FileOpening.Descriptor

    init(path: String) throws(SigningError) {
        let opened = try FileOpening.open(path: path, role: .content)
        guard let bio = BIO_new_fd(opened.fd, BIO_CLOSE) else {
            close(opened.fd)
            throw .openSSL(operation: "stream \(path)", error: OpenSSLError.current())
        }
        self.path = path
        self.bio = bio
        self.opened = opened
    }

    deinit { BIO_free(bio) }

    func confirmFullyRead() throws(SigningError) {
        // The fd BIO reads with read(2), so the descriptor's offset is the number of bytes OpenSSL consumed.
        let position = Int64(lseek(opened.fd, 0, SEEK_CUR))
        let now = try FileOpening.describe(fd: opened.fd, path: path, role: .content)
        guard now.size == opened.size, now.modificationNanoseconds == opened.modificationNanoseconds else {
            throw .fileChangedWhileReading(path: path, detail: "its size or modification time changed")
        }
        guard position == opened.size else {
            throw .fileChangedWhileReading(path: path, detail: "read \(position) of \(opened.size) bytes")
        }
    }
}
