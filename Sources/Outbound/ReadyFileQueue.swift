import FolderWatch

/// The files the watcher has handed over and the claim has not taken yet, first come, first served.
///
/// A full outbox at start hands over 100,000 files at once; taking a batch from the front costs the batch, not the
/// queue (the taken slots are dropped once they are half the storage).
struct ReadyFileQueue {
    private var files: [ReadyFile] = []
    private var head = 0

    var isEmpty: Bool { head == files.count }
    var count: Int { files.count - head }

    mutating func append(_ file: ReadyFile) { files.append(file) }

    /// Removes and returns up to `limit` files from the front, oldest first.
    mutating func take(upTo limit: Int) -> [ReadyFile] {
        let end = min(files.count, head + max(0, limit))
        let taken = Array(files[head..<end])
        head = end
        if head == files.count {
            files.removeAll(keepingCapacity: files.count <= 4096)
            head = 0
        } else if head >= files.count / 2 {
            files.removeFirst(head)
            head = 0
        }
        return taken
    }
}
