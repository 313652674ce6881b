import Foundation

/// How a watched outbox tells a document folder from a recipient or route folder (product.md: "a folder with a
/// metadata file is one document with several attachments").
///
/// - A file directly in the outbox is one document.
/// - A folder directly in the outbox (level 1) that holds ``metadataFileName`` is a **document folder**.
/// - Otherwise a level-1 folder whose name names recipients (every `+`-separated part is a configured route or looks
///   like an agency code, e.g. `000.00.00.H26`) is a **recipient folder**: each file in it is one document, and each
///   folder in it is a document folder.
/// - Any other level-1 folder (e.g. `Công văn 125`) is a document folder whose metadata file has not arrived yet: it
///   waits, and none of its files is ever taken alone. So does a misspelt recipient folder (`000.00.00 H26`): the
///   watcher reports a folder that has held files unchanged for ten settle times without a metadata file, once, in
///   the log and in `lienthong status` (``FolderWatcher/waitingFolders``).
/// - A folder inside a recipient folder is always a document folder; it waits for its metadata file.
///
/// A document folder is ready when its metadata file and every file in it have been quiet for the settle time. Its
/// attachments are the regular files directly in it, minus temp patterns, hidden names and the metadata file;
/// folders inside a document folder are not looked at. Caveat: a folder being filled directly in the outbox whose
/// name looks like an agency code (`CV125`) is taken for a recipient folder until its metadata file arrives; clerks
/// are told to fill such folders elsewhere (or inside a recipient folder) and copy them in whole, or to write the
/// metadata file first.
public struct DocumentFolderRule: Sendable, Equatable {
    /// The file that turns a folder into one document and marks it ready.
    public static let metadataFileName = "document.meta.yaml"

    /// Configured route names (`agencies[].routes`), matched like recipient codes.
    public var routeNames: Set<String>
    /// Folders for secret documents (`agencies[].secret_folders`, NFC): like recipient folders, each file in them is
    /// one document, taken at once so that the pipeline files it in `failed/` rather than waiting for a metadata file.
    public var secretFolderNames: Set<String>
    /// Whether a name could be an agency code (Config's `AgencyCodeShape`, which this module cannot import).
    public var looksLikeCode: @Sendable (String) -> Bool

    public init(
        routeNames: Set<String> = [], secretFolderNames: Set<String> = [],
        looksLikeCode: @escaping @Sendable (String) -> Bool
    ) {
        self.routeNames = routeNames
        self.secretFolderNames = secretFolderNames
        self.looksLikeCode = looksLikeCode
    }

    /// Compares the folder names only: the code predicate is the same function everywhere in the daemon.
    public static func == (left: DocumentFolderRule, right: DocumentFolderRule) -> Bool {
        left.routeNames == right.routeNames && left.secretFolderNames == right.secretFolderNames
    }

    /// Without knowledge of codes: every level-1 folder without a metadata file is a recipient folder.
    public static let everyFolderNamesRecipients = DocumentFolderRule(looksLikeCode: { _ in true })

    /// Where an entry below the watched root belongs.
    public enum Placement: Sendable, Equatable {
        /// A single-file document.
        case singleFile
        /// A file (or the metadata file) of the document folder at these components.
        case memberOf(folder: [String])
        /// Inside a folder inside a document folder, or deeper: never looked at.
        case ignored
    }

    /// Where the file at `components` (relative to the root, its name last) belongs. `hasMetadata` answers whether the
    /// folder at the given components holds the metadata file (asked only for level-1 folders).
    public func placement(ofFile components: [String], hasMetadata: ([String]) -> Bool) -> Placement {
        switch components.count {
        case 0: return .ignored
        case 1: return .singleFile
        case 2:
            let folder = [components[0]]
            if !hasMetadata(folder) && namesRecipients(components[0]) { return .singleFile }
            return .memberOf(folder: folder)
        case 3:
            return isRecipientFolder(components[0], hasMetadata: hasMetadata)
                ? .memberOf(folder: Array(components[..<2])) : .ignored
        default:
            return .ignored
        }
    }

    /// True when the level-1 folder `name` is a recipient or route folder (its files are single documents).
    public func isRecipientFolder(_ name: String, hasMetadata: ([String]) -> Bool) -> Bool {
        !hasMetadata([name]) && namesRecipients(name)
    }

    /// True when `name` is a secret folder, or every `+`-separated part of it is a route name or looks like an
    /// agency code (``looksLikeCode``).
    public func namesRecipients(_ name: String) -> Bool {
        if secretFolderNames.contains(name.precomposedStringWithCanonicalMapping) { return true }
        let parts = name.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        return parts.allSatisfy { part in
            routeNames.contains(part.precomposedStringWithCanonicalMapping) || looksLikeCode(part)
        }
    }
}
