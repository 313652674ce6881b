/// The request line and headers of a request, before its body is read.
struct HTTPRequestHead {
    enum BodyFraming: Equatable {
        case none
        case length(Int64)
        case chunked
    }

    let method: String
    let target: String
    let version: String
    let headers: HTTPHeaders

    /// HTTP/1.1 keeps the connection open unless asked not to; HTTP/1.0 only when asked.
    var keepAlive: Bool {
        let tokens = headers.values("Connection").flatMap { $0.lowercased().split(separator: ",") }
            .map { $0.trimmingSpaces }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return !tokens.contains("close")
    }

    var expectsContinue: Bool { headers["Expect"]?.lowercased() == "100-continue" }

    /// How the body is delimited. Conflicting or malformed framing is rejected, never guessed (request smuggling).
    func bodyFraming() throws -> BodyFraming {
        let encodings = headers.values("Transfer-Encoding")
        let lengths = headers.values("Content-Length")
        if !encodings.isEmpty {
            guard lengths.isEmpty else {
                throw HTTPError.malformed("both Transfer-Encoding and Content-Length are present")
            }
            let codings = encodings.flatMap { $0.lowercased().split(separator: ",") }.map { $0.trimmingSpaces }
            guard codings == ["chunked"] else {
                throw HTTPError.unsupportedTransferEncoding(encodings.joined(separator: ", "))
            }
            return .chunked
        }
        guard !lengths.isEmpty else { return .none }
        let values = Set(lengths.flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces })
        guard values.count == 1, let text = values.first, !text.isEmpty, text.count <= 18,
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let length = Int64(text)
        else {
            throw HTTPError.malformed("invalid Content-Length \(lengths)")
        }
        return length == 0 ? .none : .length(length)
    }
}

extension Substring {
    var trimmingSpaces: String {
        String(self.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
