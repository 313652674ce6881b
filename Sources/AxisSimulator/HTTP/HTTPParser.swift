/// Reads request heads from a connection, strictly enough to refuse ambiguous input.
enum HTTPParser {
    /// Empty lines tolerated before a request line (RFC 9112 §2.2), e.g. the CRLF the axis's Java SDK writes
    /// after a body whose Content-Length does not count it.
    static let maximumLeadingEmptyLines = 4
    static let maximumHeaderCount = 256

    /// Reads the next head; nil when the client closed the connection cleanly between requests.
    static func readHead(from input: HTTPInputBuffer, maximumBytes: Int) throws -> HTTPRequestHead? {
        var budget = maximumBytes
        let limit = HTTPError.headersTooLarge(limit: maximumBytes)
        var requestLine: [UInt8] = []
        var emptyLines = 0
        while requestLine.isEmpty {
            guard let line = try input.readLine(budget: &budget, limitError: limit) else { return nil }
            if line.isEmpty {
                emptyLines += 1
                guard emptyLines <= maximumLeadingEmptyLines else { throw HTTPError.malformed("empty request line") }
            }
            requestLine = line
        }
        let (method, target, version) = try parseRequestLine(requestLine)

        var headers = HTTPHeaders()
        while true {
            guard let line = try input.readLine(budget: &budget, limitError: limit) else {
                throw HTTPError.unexpectedEndOfStream
            }
            if line.isEmpty { break }
            guard headers.entries.count < maximumHeaderCount else {
                throw HTTPError.malformed("more than \(maximumHeaderCount) header fields")
            }
            let (name, value) = try parseHeaderLine(line)
            headers.add(name, value)
        }
        return HTTPRequestHead(method: method, target: target, version: version, headers: headers)
    }

    static func parseRequestLine(_ line: [UInt8]) throws -> (String, String, String) {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw HTTPError.malformed("request line must be METHOD TARGET VERSION") }
        guard !parts[0].isEmpty, parts[0].allSatisfy(isTokenCharacter) else {
            throw HTTPError.malformed("invalid method")
        }
        guard let first = parts[1].first,
            first == UInt8(ascii: "/") || first == UInt8(ascii: "*")
                || parts[1].starts(with: Array("http".utf8)),
            parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7f })
        else {
            throw HTTPError.malformed("invalid request target")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw HTTPError.malformed("unsupported protocol version \(version)")
        }
        var target = String(decoding: parts[1], as: UTF8.self)
        if target.hasPrefix("http://") || target.hasPrefix("https://") {
            // Absolute form (proxies): keep only the path and query.
            let afterScheme = target.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            target = afterScheme.count == 4 ? "/" + afterScheme[3] : "/"
        }
        return (String(decoding: parts[0], as: UTF8.self), target, version)
    }

    static func parseHeaderLine(_ line: [UInt8]) throws -> (String, String) {
        guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
            throw HTTPError.malformed("obsolete header line folding is not accepted")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
            throw HTTPError.malformed("header line without a name and colon")
        }
        let name = line[..<colon]
        guard name.allSatisfy(isTokenCharacter) else { throw HTTPError.malformed("invalid header name") }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value.removeFirst() }
        while let byte = value.last, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { value.removeLast() }
        guard value.allSatisfy({ $0 == UInt8(ascii: "\t") || ($0 >= 0x20 && $0 != 0x7f) }) else {
            throw HTTPError.malformed("control character in header \(String(decoding: name, as: UTF8.self))")
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
