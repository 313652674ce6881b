import Foundation

/// A document being downloaded: a temporary file beside the destination, renamed over it only once complete.
///
/// Nothing ever appears at the destination unless the whole document arrived and was judged good: a failed,
/// cancelled or refused transfer leaves the destination as it was (absent, or an older complete file). The
/// temporary file (`.<name>.<random>.part`, mode 0600) is removed by ``discard()`` or on deinit if not committed.
final class PendingDownload {
    let destination: String
    let file: LocalFile
    private var committed = false

    private init(destination: String, file: LocalFile) {
        self.destination = destination
        self.file = file
    }

    deinit { discard() }

    /// Creates the temporary file in the destination's directory (so the rename stays on one filesystem).
    static func create(for destination: String) throws(LocalFile.Failure) -> PendingDownload {
        let directory = (destination as NSString).deletingLastPathComponent
        let name = (destination as NSString).lastPathComponent
        let random = String(UInt64.random(in: .min ... .max), radix: 36)
        let temporary = ((directory.isEmpty ? "." : directory) as NSString)
            .appendingPathComponent(".\(name).\(random).part")
        return PendingDownload(destination: destination, file: try LocalFile.createExclusive(temporary))
    }

    /// Makes the file durable and puts it at the destination (replacing any file there), then syncs the directory.
    func commit() throws(LocalFile.Failure) {
        try file.sync()
        guard rename(file.path, destination) == 0 else {
            throw LocalFile.Failure(path: destination, operation: "rename the download into place as", errno: errno)
        }
        committed = true
        try LocalFile.syncDirectory(containing: destination)
    }

    /// Removes the temporary file; the destination is untouched. Harmless after ``commit()`` or a second call.
    func discard() {
        guard !committed else { return }
        committed = true
        unlink(file.path)
    }
}
