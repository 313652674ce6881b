/// `agencies[].outbox_folders.<name>`: how the files of one first-level folder below `outbox/` are named and what
/// they default to, for a clerks' office with one sub-folder per department or route (`outbox/so-noi-vu/`).
///
/// The folder is named exactly as in `outbox/` (a recipient code, a route, or several joined with `+`), in NFC.
/// Files directly in `outbox/` and document folders directly in `outbox/` use the agency's own values; a file or a
/// document folder anywhere below `outbox/<name>/` uses these.
public struct OutboxFolderSettings: Sendable, Equatable {
    /// `filename_pattern`: replaces the agency's pattern for the folder's files; nil keeps the agency's.
    public var filenamePattern: FilenamePattern?
    /// `defaults`: the keys that replace the agency's defaults for the folder's files.
    public var defaults: DocumentDefaultsOverrides

    public init(filenamePattern: FilenamePattern? = nil, defaults: DocumentDefaultsOverrides = .init()) {
        self.filenamePattern = filenamePattern
        self.defaults = defaults
    }
}
