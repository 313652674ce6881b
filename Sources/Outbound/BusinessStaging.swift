import Config
import CryptoPrimitives
import Foundation
import SystemSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Where a request's file waits for the daemon: `spool/requests/<uuid>/<name>` with its `<name>.meta.yaml`.
///
/// The file is copied (the admin keeps theirs) from a descriptor opened like an outbox file: no symbolic link, a
/// regular file with one name, within `limits.max_document_size`; it is hashed from that same descriptor. The copy
/// is durable before the request is recorded, and the daemon claims it from here exactly as it claims a file from
/// the outbox (checking it is still the file recorded), so a crash anywhere leaves either no request or a request
/// whose file is complete. When lienthong runs as root (an admin at the console), the copies are given to the owner
/// of the spool, the daemon's user.
struct BusinessStaging {
    struct Staged {
        let path: String
        let status: FileStatus
        let sha256: String
    }

    let spoolDirectory: String
    let limits: Limits

    var root: String { spoolDirectory + "/requests" }

    /// A fresh folder for one request.
    func makeFolder() throws(BusinessRequestError) -> String {
        let folder = root + "/" + UUID().uuidString.lowercased()
        let spoolExisted = (try? FileStatus.lstat(spoolDirectory)) != nil
        do {
            try Directories.create(folder, mode: 0o750)
        } catch {
            throw .staging("cannot create \(folder): \(error)")
        }
        if !spoolExisted { giveToSpoolOwner(spoolDirectory) }
        giveToSpoolOwner(root)
        giveToSpoolOwner(folder)
        return folder
    }

    /// Copies `source` into `folder` as `name`.
    func copy(_ source: String, into folder: String, as name: String) throws(BusinessRequestError) -> Staged {
        let descriptor: FileDescriptor
        let status: FileStatus
        do {
            (descriptor, status) = try SafeOpen.openUntrustedRegularFile(at: source)
        } catch {
            if case .system(let systemError) = error { throw .unreadable(path: source, reason: "\(systemError)") }
            throw .unsafeFile(error)
        }
        defer { try? descriptor.close() }
        guard status.size <= limits.maxDocumentSize else {
            throw .tooLarge(path: source, size: status.size, limit: limits.maxDocumentSize)
        }
        let destination = folder + "/" + name
        let hasher = SHA256()
        do {
            try DurableFile.write(to: destination, mode: 0o640) { output in
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
                defer { buffer.deallocate() }
                while true {
                    let count = try descriptor.read(into: buffer)
                    if count == 0 { break }
                    let chunk = UnsafeRawBufferPointer(rebasing: buffer[0..<count])
                    hasher.update(chunk)
                    try output.write(chunk)
                }
            }
            giveToSpoolOwner(destination)
            return Staged(path: destination, status: try FileStatus.lstat(destination), sha256: hasher.finalize().hex)
        } catch {
            throw .staging("cannot copy \(source) to \(destination): \(error)")
        }
    }

    /// Writes the request's metadata file beside its staged file.
    func writeMetadata(_ sidecar: DocumentSidecar, besides staged: String) throws(BusinessRequestError) {
        let path = staged + DocumentSidecar.suffix
        do {
            try DurableFile.write(Array(sidecar.yamlText.utf8), to: path, mode: 0o640)
        } catch {
            throw .staging("cannot write \(path): \(error)")
        }
        giveToSpoolOwner(path)
    }

    /// Removes a folder whose request was not recorded, and empty folders whose files the daemon has claimed.
    func clean(abandoned folder: String?) {
        if let folder { try? Directories.removeTree(folder) }
        guard let entries = try? Directories.list(root) else { return }
        for entry in entries where entry.kind == .directory {
            let path = root + "/" + entry.name
            if let inside = try? Directories.list(path), inside.isEmpty { rmdir(path) }
        }
    }

    /// Makes `path` belong to the owner of the state directory (the daemon's user) when running as root; a no-op
    /// otherwise, or when the state directory belongs to root too.
    private func giveToSpoolOwner(_ path: String) {
        let stateDirectory = (spoolDirectory as NSString).deletingLastPathComponent
        guard geteuid() == 0, let owner = try? FileStatus.stat(stateDirectory), owner.owner != 0,
            let attributes = try? FileManager.default.attributesOfItem(atPath: stateDirectory),
            let group = attributes[.groupOwnerAccountID] as? NSNumber
        else { return }
        _ = lchown(path, owner.owner, group.uint32Value)
    }
}
