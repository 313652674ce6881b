/// The single file extracted from a ZIP-wrapped attachment by
/// ``SingleEntryZip/unwrapIfZipped(path:maxUncompressedSize:)``.
public struct UnwrappedAttachment: Sendable, Codable, Equatable, Hashable {
    /// The entry's name inside the ZIP, as stored there: untrusted, never use it as a path.
    public var entryName: String
    /// Where the extracted bytes were written (a new sibling of the ZIP file).
    public var path: String
    /// Number of bytes extracted.
    public var byteSize: Int64

    public init(entryName: String, path: String, byteSize: Int64) {
        self.entryName = entryName
        self.path = path
        self.byteSize = byteSize
    }
}
