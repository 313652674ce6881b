/// How a request's body is delimited, judged from its headers alone, before any byte of the body is read (and so
/// before `100 Continue` invites it): a Content-Length over the limit is refused here, not after the upload.
///
/// NIO's parser has already refused ambiguous framing (both Content-Length and Transfer-Encoding, several differing
/// lengths); these checks hold whatever the parser lets through.
enum RequestFraming: Equatable {
    case none
    case length(Int64)
    case chunked

    init(headers: HTTPHeaders, maximumBodyBytes: Int64) throws(HTTPError) {
        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !encodings.isEmpty {
            guard lengths.isEmpty else {
                throw .malformed("both Transfer-Encoding and Content-Length are present")
            }
            let codings = encodings.flatMap { $0.lowercased().split(separator: ",") }.map(Self.trimmed)
            guard codings == ["chunked"] else {
                throw .unsupportedTransferEncoding(encodings.joined(separator: ", "))
            }
            self = .chunked
            return
        }
        guard !lengths.isEmpty else {
            self = .none
            return
        }
        let values = Set(lengths.flatMap { $0.split(separator: ",") }.map(Self.trimmed))
        guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let length = Int64(text)
        else {
            throw .malformed("invalid Content-Length \(lengths)")
        }
        guard length <= maximumBodyBytes else { throw .bodyTooLarge(limit: maximumBodyBytes) }
        self = length == 0 ? .none : .length(length)
    }

    var hasBody: Bool { self != .none }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
