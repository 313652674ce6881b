/// One file written into an inbox folder, as listed in `document.json`.
struct DeliveredAttachment: Codable, Sendable, Equatable {
    /// The safe name it has in the folder.
    var file: String
    /// The name the sender gave it (untrusted, for reference only).
    var nameOnTheWire: String?
    var contentType: String?
    var size: Int64
    /// True when the attachment arrived as a single-entry ZIP and was unwrapped.
    var unwrappedFromZip: Bool

    enum CodingKeys: String, CodingKey {
        case file
        case nameOnTheWire = "name_on_the_wire"
        case contentType = "content_type"
        case size
        case unwrappedFromZip = "unwrapped_from_zip"
    }
}
