import CryptoPrimitives
import FolderWatch
import Foundation
import SystemSupport

/// One careful look at a document folder in the outbox (``DocumentFolderRule``): its attachments in sending order,
/// each checked with the same rules as a single file (opened without following links, a regular file with one link,
/// not larger than `limits.max_document_size`), at most `limits.max_attachments` of them.
///
/// The attachments are the files directly in the folder that the watcher counts as attachments (`accepts`: temp
/// patterns, hidden names, sidecar and report files and the metadata file left out, the include and exclude globs
/// applied; ``WatchedFolder/acceptsAttachment(_:inDocumentFolder:)``); folders inside are not attachments. They are
/// sent in
/// the order of their names, numbers compared as numbers (`2 Phụ lục.pdf` before `10 Phụ lục.pdf`).
struct DocumentFolderListing: Sendable, Equatable {
    struct Member: Sendable, Equatable {
        let name: String
        let size: Int64
        /// Lowercase hex SHA-256, or "" when the listing was taken without hashing.
        let sha256: String
    }

    let members: [Member]
    /// Every file's size, the metadata file's included: the folder's recorded size.
    let totalSize: Int64
    /// The newest mtime of any file, the metadata file's included.
    let newestModification: FileTimestamp
    let folderInode: UInt64

    /// Why a folder cannot be sent as it is; each names the file and what to do.
    enum Problem: Error, CustomStringConvertible {
        case unsafe(name: String, reason: String)
        case tooLarge(name: String, size: Int64, limit: Int64)
        case tooMany(count: Int, limit: Int)
        case empty
        case unreadable(SystemError)

        var description: String {
            switch self {
            case .unsafe(let name, let reason): "\(name): \(reason)"
            case .tooLarge(let name, let size, let limit): "\(name) is \(size) bytes, over the \(limit)-byte limit"
            case .tooMany(let count, let limit): "\(count) files, more than limits.max_attachments (\(limit))"
            case .empty: "the folder holds no file to send besides \(DocumentFolderRule.metadataFileName)"
            case .unreadable(let error): "the folder cannot be read: \(error)"
            }
        }
    }

    /// `sha256sum` lines of the members in order; its SHA-256 is the document's recorded SHA-256.
    var checksumText: String { members.map { "\($0.sha256)  \($0.name)\n" }.joined() }

    /// Lists and checks the folder at `path`; hashes every file from the descriptor it was checked on when `hashing`.
    /// - Parameter accepts: whether a file name in the folder is an attachment; any other file is left where it is.
    static func read(
        folder path: String, maxFileSize: Int64, maxAttachments: Int, hashing: Bool, accepts: (String) -> Bool
    ) throws(Problem) -> DocumentFolderListing {
        let entries: [DirectoryEntry]
        let folderStatus: FileStatus
        do {
            folderStatus = try FileStatus.lstat(path)
            entries = try Directories.list(path)
        } catch {
            throw .unreadable(error)
        }
        guard folderStatus.kind == .directory else {
            throw .unsafe(name: (path as NSString).lastPathComponent, reason: "it is not an ordinary folder")
        }
        var members: [Member] = []
        var total: Int64 = 0
        var newest = FileTimestamp(seconds: 0, nanoseconds: 0)
        for entry in entries.sorted(by: { order($0.name, $1.name) }) {
            let isMetadata = entry.name == DocumentFolderRule.metadataFileName
            guard isMetadata || (entry.kind != .directory && accepts(entry.name)) else { continue }
            guard entry.hasValidUTF8Name, !entry.name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                throw .unsafe(name: entry.name, reason: "its name is not valid text; rename it")
            }
            let descriptor: FileDescriptor
            let status: FileStatus
            do {
                (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: path + "/" + entry.name)
            } catch {
                throw .unsafe(name: entry.name, reason: error.description)
            }
            defer { try? descriptor.close() }
            total += status.size
            if newest < status.modificationTime { newest = status.modificationTime }
            if isMetadata { continue }
            guard status.size <= maxFileSize else {
                throw .tooLarge(name: entry.name, size: status.size, limit: maxFileSize)
            }
            var digest = ""
            if hashing {
                do {
                    digest = try OutboxClaimer.sha256(of: descriptor).hex
                } catch {
                    throw .unsafe(name: entry.name, reason: "it cannot be read (\(error))")
                }
            }
            members.append(Member(name: entry.name, size: status.size, sha256: digest))
        }
        guard !members.isEmpty else { throw .empty }
        guard members.count <= maxAttachments else { throw .tooMany(count: members.count, limit: maxAttachments) }
        return DocumentFolderListing(
            members: members, totalSize: total, newestModification: newest, folderInode: folderStatus.inode)
    }

    /// Name order as people expect it: numbers as numbers, case ignored, then the exact bytes to break ties.
    static func order(_ left: String, _ right: String) -> Bool {
        switch left.compare(right, options: [.numeric, .caseInsensitive]) {
        case .orderedAscending: true
        case .orderedDescending: false
        case .orderedSame: Array(left.utf8).lexicographicallyPrecedes(Array(right.utf8))
        }
    }
}
