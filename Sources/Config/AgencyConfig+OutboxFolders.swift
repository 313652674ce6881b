import Foundation

extension AgencyConfig {
    /// The settings of the first-level folder below `outbox/` a document was found in: `relativeComponents` is its
    /// path below `outbox/`, its own name last (a file, or a document folder). Nil for a document directly in
    /// `outbox/` and for a folder without `outbox_folders` entry.
    public func outboxFolderSettings(relativeComponents: [String]) -> OutboxFolderSettings? {
        guard relativeComponents.count >= 2, let folder = relativeComponents.first else { return nil }
        return outboxFolders[folder.precomposedStringWithCanonicalMapping]
    }

    /// The filename pattern for a document at `relativeComponents` below `outbox/`: its folder's, else the agency's.
    public func filenamePattern(relativeComponents: [String]) -> FilenamePattern? {
        outboxFolderSettings(relativeComponents: relativeComponents)?.filenamePattern ?? filenamePattern
    }

    /// The defaults for a document at `relativeComponents` below `outbox/`: its folder's keys over the agency's.
    public func defaults(relativeComponents: [String]) -> DocumentDefaults {
        guard let settings = outboxFolderSettings(relativeComponents: relativeComponents) else { return defaults }
        return settings.defaults.applied(to: defaults)
    }

    /// The secret folder a document at `relativeComponents` below `outbox/` was dropped in (its first folder, when
    /// listed in `secret_folders`, compared in NFC); nil for documents elsewhere.
    public func secretFolder(relativeComponents: [String]) -> String? {
        guard relativeComponents.count >= 2, let folder = relativeComponents.first else { return nil }
        let name = folder.precomposedStringWithCanonicalMapping
        return secretFolders.contains(name) ? folder : nil
    }
}
