/// Folders that hold files but no metadata file, and so send nothing (``DocumentFolderRule``): a level-1 folder whose
/// name is neither a route nor looks like an agency code, or a folder inside a recipient folder. To a clerk that
/// silence looks like a lost document, so once such a folder has been quiet for ``patience`` the watcher says so,
/// once per folder, as a pure value like ``SettleTracker``: nothing here touches the filesystem.
struct WaitingFolders: Sendable {
    typealias Instant = ContinuousClock.Instant

    /// How long a folder waits, unchanged and without a metadata file, before a person is told.
    let patience: Duration

    struct Entry: Sendable, Equatable {
        var components: [String]
        var fingerprint: UInt64
        /// When the current contents were first seen.
        var since: Instant
        /// True once a person has been told about this folder.
        var reported: Bool
    }

    private var entries: [String: Entry] = [:]

    init(patience: Duration) {
        self.patience = patience
    }

    /// Records a look at a waiting folder. New contents restart its quiet period; a folder already reported stays
    /// reported (it is told about once).
    mutating func observe(_ snapshot: DocumentFolderSnapshot, at now: Instant) {
        if let entry = entries[snapshot.path], entry.fingerprint == snapshot.fingerprint { return }
        let reported = entries[snapshot.path]?.reported ?? false
        entries[snapshot.path] = Entry(
            components: snapshot.components, fingerprint: snapshot.fingerprint, since: now, reported: reported)
    }

    /// The folder is gone, got its metadata file, or holds nothing to send any more.
    mutating func forget(path: String) {
        entries[path] = nil
    }

    /// Forgets every folder a full scan did not find waiting.
    mutating func forgetAll(except present: Set<String>) {
        entries = entries.filter { present.contains($0.key) }
    }

    /// Folders quiet for ``patience`` and not reported yet, sorted. The watcher looks at each afresh, calls
    /// ``observe(_:at:)``, then ``takeDue(at:)``: the quiet period is confirmed by a look at its end.
    func dueForCheck(at now: Instant) -> [String] {
        entries.compactMap { path, entry in isDue(entry, at: now) ? path : nil }.sorted()
    }

    /// The folders due at `now`, sorted, with their components below the root; each is marked reported.
    mutating func takeDue(at now: Instant) -> [(path: String, components: [String])] {
        let due = dueForCheck(at: now)
        for path in due { entries[path]?.reported = true }
        return due.compactMap { path in entries[path].map { (path, $0.components) } }
    }

    /// The folders reported and still waiting, sorted: what `lienthong status` shows.
    var reportedPaths: [String] {
        entries.compactMap { path, entry in entry.reported ? path : nil }.sorted()
    }

    func isTracking(_ path: String) -> Bool { entries[path] != nil }

    /// What the admin reads in the journal about the waiting folder at `path` (`components` below the root): both
    /// readings of a level-1 folder (a misspelt recipient code, or a document folder without its metadata file),
    /// and what to do about each.
    func warning(path: String, components: [String]) -> String {
        let name = components.last ?? path
        let metadata = DocumentFolderRule.metadataFileName
        let waited = "\(patience.components.seconds) s"
        guard components.count == 1 else {
            let recipient = components.first ?? ""
            return "\(path): the document folder \"\(name)\" in the recipient folder \"\(recipient)\" has held files "
                + "for more than \(waited) without \(metadata); nothing in it is sent until \(metadata) is added"
        }
        return "\(path): the folder \"\(name)\" has held files for more than \(waited) without \(metadata), so "
            + "nothing in it is sent. If \"\(name)\" was meant as a recipient code, it is misspelt (agency codes "
            + "look like 000.00.00.H26; route names must be configured in agencies[].routes): rename the folder. "
            + "If it is one document with several files, add \(metadata) to it (see document.meta.example.yaml)"
    }

    private func isDue(_ entry: Entry, at now: Instant) -> Bool {
        !entry.reported && entry.since.duration(to: now) >= patience
    }
}
