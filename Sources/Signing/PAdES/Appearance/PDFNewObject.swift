/// An object the visible signature adds to the update: a dictionary, or a stream when `stream` is set.
struct PDFNewObject {
    let reference: PDFReference
    var dictionary: PDFDictionary
    var stream: [UInt8]?

    /// `<<…>>`, or `<<… /Length n>>\nstream\n…\nendstream` for a stream.
    var body: [UInt8] {
        guard let stream else { return PDFObject.dictionary(dictionary).serialized }
        var dictionary = dictionary
        dictionary["Length"] = .integer(stream.count)
        return PDFObject.dictionary(dictionary).serialized + Array("\nstream\n".utf8) + stream
            + Array("\nendstream".utf8)
    }
}
