import COpenSSL
import CryptoPrimitives
import Foundation
import SystemSupport

/// A document opened for OpenSSL to stream through a file-descriptor BIO, in constant memory.
///
/// OpenSSL's CMS copy loops stop quietly at a read error, so ``confirmFullyRead()`` checks afterwards that every
/// byte was read and that the file did not change meanwhile; otherwise a signature could cover a truncated file.
final class ContentStream {
    let path: String
    let bio: OpaquePointer
    private let opened: FileOpening.Opened

    init(path: String) throws(SigningError) {
        let opened = try FileOpening.open(path: path, role: .content)
        // BIO_NOCLOSE: the descriptor belongs to `opened` and is closed with it, after the BIO is freed.
        guard let bio = BIO_new_fd(opened.descriptor.rawDescriptor, BIO_NOCLOSE) else {
            throw .openSSL(operation: "stream \(path)", error: OpenSSLError.current())
        }
        self.path = path
        self.bio = bio
        self.opened = opened
    }

    deinit { BIO_free(bio) }

    func confirmFullyRead() throws(SigningError) {
        // The fd BIO reads with read(2), so the descriptor's offset is the number of bytes OpenSSL consumed.
        let position: Int64
        do {
            position = try opened.descriptor.currentOffset()
        } catch {
            throw .fileUnreadable(path: path, role: .content, reason: error.systemMessage)
        }
        guard try !opened.hasChanged(path: path, role: .content) else {
            throw .fileChangedWhileReading(path: path, detail: "its size or modification time changed")
        }
        guard position == opened.status.size else {
            throw .fileChangedWhileReading(path: path, detail: "read \(position) of \(opened.status.size) bytes")
        }
    }
}
