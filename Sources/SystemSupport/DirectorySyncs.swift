/// Directory `fsync`s put off until a batch of `mkdir`s and renames is done, then made once per directory.
///
/// A rename or `mkdir` is durable only once its directory is `fsync`ed (reliability.md, "Durable state"). When many
/// files move between the same folders (a burst claimed from the outbox), one `fsync` of the outbox after all the
/// renames makes every one of them durable, instead of one `fsync` per file. Callers must not commit anything that
/// depends on the moves before ``sync()`` returns.
public struct DirectorySyncs: Sendable {
    /// The directories to sync, in the order they were first added.
    private(set) var pending: [String] = []
    private var seen: Set<String> = []

    public init() {}

    /// Whether nothing waits to be synced.
    public var isEmpty: Bool { pending.isEmpty }

    /// Notes that `directory` has a new, removed or renamed entry; added twice, it is synced once.
    public mutating func add(_ directory: String) {
        if seen.insert(directory).inserted { pending.append(directory) }
    }

    /// Adds every directory `other` waits to sync (a step that collected its own), in its order.
    public mutating func add(contentsOf other: DirectorySyncs) {
        for directory in other.pending { add(directory) }
    }

    /// Takes `directory` off the list without syncing it: for a scratch folder whose entries need not survive a
    /// crash, because the step that fills it fills it again from durable state (the inbound spool's decoded
    /// attachments). Adding it again puts it back.
    public mutating func drop(_ directory: String) {
        guard seen.remove(directory) != nil else { return }
        pending.removeAll { $0 == directory }
    }

    /// `fsync`s every directory added since the last call, each once, in the order they were added, and forgets them.
    /// On an error the directories not synced yet stay pending, so a second call tries them again.
    public mutating func sync() throws(SystemError) {
        while let directory = pending.first {
            try Directories.sync(directory)
            pending.removeFirst()
            seen.remove(directory)
        }
    }
}
