import SystemSupport

/// The hidden folders in which ``InboxWriter`` assembles a received document before renaming it into place:
/// `inbox/.lienthong-tmp-in-<document id>/`.
///
/// Clerks see `inbox/` over Samba, so a staging folder must never outlive its delivery: the writer removes it on
/// every failure, and the pipeline removes any left by a crash when it starts (``removeLeftovers(inbox:)``).
enum InboxStaging {
    static let prefix = DurableFile.temporaryPrefix + "in-"

    static func path(inbox: String, documentId: Int64) -> String { inbox + "/" + prefix + "\(documentId)" }

    /// Removes every staging folder directly in `inbox` or in one of its sender folders, and returns their paths.
    /// Nothing else is touched: not files, not links, not folders with other names. Deliveries that a crash
    /// interrupted are assembled again from the spool, so what is removed here is never the only copy.
    static func removeLeftovers(inbox: String) throws(SystemError) -> [String] {
        var removed: [String] = []
        for entry in try Directories.list(inbox) where entry.kind == .directory {
            let path = inbox + "/" + entry.name
            if entry.name.hasPrefix(prefix) {
                try Directories.removeTree(path)
                removed.append(path)
                continue
            }
            for inner in try Directories.list(path) where inner.kind == .directory && inner.name.hasPrefix(prefix) {
                try Directories.removeTree(path + "/" + inner.name)
                removed.append(path + "/" + inner.name)
            }
        }
        return removed
    }
}
