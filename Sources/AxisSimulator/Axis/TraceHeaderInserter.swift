/// Inserts one `TraceHeader` into an envelope fed to it chunk by chunk, the way the real axis marks the envelopes it
/// serves: bytes are copied up to the insertion point, the element is inserted, and then it is ``isDone``: the rest
/// (the attachments, usually nearly all of the file) need not be looked at (``TracedEnvelopeBody``).
///
/// Where it goes, matching elements by local name whatever their prefix:
/// - into the `TraceHeaderList` that follows `MessageHeader`: before its `Bussiness` child (the schema puts
///   `TraceHeader*` first) or else before `</…:TraceHeaderList>`; a self-closing `<…:TraceHeaderList/>` is opened;
/// - when there is no such list, a new `<…:TraceHeaderList>` right after `</…:MessageHeader>`.
/// Comments, CDATA sections, processing instructions and quoted attribute values are skipped, so a
/// `</edXML:MessageHeader>` inside a comment is not mistaken for the real one. The inserted elements use the prefix
/// of the element they go into (`edXML` in every real envelope), so the result stays namespace-correct.
final class TraceHeaderInserter {
    enum Failure: Error, CustomStringConvertible, Equatable {
        /// No `</…:MessageHeader>` (or the document ended inside markup): nothing was inserted.
        case noInsertionPoint
        case tagTooLong(limit: Int)

        var description: String {
            switch self {
            case .noInsertionPoint: "the envelope has no MessageHeader end tag to put a TraceHeader after"
            case .tagTooLong(let limit): "a tag in the envelope header is longer than \(limit) bytes"
            }
        }
    }

    private enum Markup {
        /// `<` and possibly a few more bytes, not yet enough to tell an element from `<!--`, `<![CDATA[`, `<?`.
        case undetermined
        case element(quote: UInt8?)
        /// Skipped up to `terminator`, of which the last byte is always `>`.
        case skipped(terminator: [UInt8])
    }

    private enum Phase {
        case seekingMessageHeaderEnd
        /// Holding the bytes after `</MessageHeader>` until the next element says whether a list follows.
        case afterMessageHeader(prefix: String)
        case insideTraceList(prefix: String)
        case done
    }

    static let maximumTagBytes = 64 * 1024
    /// Comments and whitespace held between `</MessageHeader>` and the next element; beyond this the new list is
    /// inserted right away.
    static let maximumHeldBytes = 1 << 20

    private let organId: String
    private let timestamp: String
    /// What the bytes fed so far became, until ``takeOutput()`` takes it.
    private var output: [UInt8] = []
    private var phase = Phase.seekingMessageHeaderEnd
    private var markup: Markup?
    private var tag: [UInt8] = []
    /// The last bytes of skipped markup, to find a terminator split across chunks.
    private var recent: [UInt8] = []
    private var held: [UInt8] = []

    /// `timestamp` is written as given (`yyyy/MM/dd HH:mm:ss`); `organId` is escaped.
    init(organId: String, timestamp: String) {
        self.organId = organId
        self.timestamp = timestamp
    }

    /// Whether the TraceHeader is in: every later byte is copied as it is, so the rest of the envelope need not go
    /// through the inserter.
    var isDone: Bool {
        if case .done = phase { return true }
        return false
    }

    /// The output of the bytes fed since the last call.
    func takeOutput() -> [UInt8] {
        defer { output = [] }
        return output
    }

    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        var index = 0
        while index < bytes.count {
            if case .done = phase {
                output.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index...]))
                return
            }
            switch markup {
            case nil:
                // Slices keep the buffer's indices, so `open` and `close` below are positions in `bytes`.
                guard let open = bytes[index...].firstIndex(of: UInt8(ascii: "<")) else {
                    try emit(bytes[index...])
                    return
                }
                try emit(bytes[index..<open])
                tag = [UInt8(ascii: "<")]
                markup = .undetermined
                index = open + 1
            case .undetermined:
                tag.append(bytes[index])
                index += 1
                try classify()
            case .element(let quote):
                let byte = bytes[index]
                index += 1
                tag.append(byte)
                guard tag.count <= Self.maximumTagBytes else { throw Failure.tagTooLong(limit: Self.maximumTagBytes) }
                if let quote {
                    if byte == quote { markup = .element(quote: nil) }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    markup = .element(quote: byte)
                } else if byte == UInt8(ascii: ">") {
                    markup = nil
                    let element = tag
                    tag = []
                    try handle(element)
                }
            case .skipped(let terminator):
                guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else {
                    try emit(bytes[index...])
                    remember(bytes[index...])
                    return
                }
                let piece = bytes[index...close]
                try emit(piece)
                remember(piece)
                index = close + 1
                if recent.suffix(terminator.count).elementsEqual(terminator) {
                    markup = nil
                    recent = []
                }
            }
        }
    }

    func finish() throws {
        guard case .done = phase else { throw Failure.noInsertionPoint }
    }

    // MARK: Markup

    private func classify() throws {
        let comment = Array("<!--".utf8)
        let cdata = Array("<![CDATA[".utf8)
        let kind: Markup?
        if tag.count >= 2, tag[1] == UInt8(ascii: "?") {
            kind = .skipped(terminator: Array("?>".utf8))
        } else if tag.count >= 2, tag[1] != UInt8(ascii: "!") {
            kind = .element(quote: nil)
        } else if tag == comment {
            kind = .skipped(terminator: Array("-->".utf8))
        } else if tag == cdata {
            kind = .skipped(terminator: Array("]]>".utf8))
        } else if tag.count >= 2, !comment.starts(with: tag), !cdata.starts(with: tag) {
            kind = .skipped(terminator: [UInt8(ascii: ">")])
        } else {
            kind = nil
        }
        guard let kind else { return }
        switch kind {
        case .element:
            markup = .element(quote: nil)
            // Re-run the byte after `<` through the element rules (it may be `>` or a quote in a broken tag).
            let pending = tag.removeLast()
            try [pending].withUnsafeBytes { try feed($0) }
        default:
            markup = kind
            let opened = tag
            tag = []
            try emit(opened)
            remember(opened)
            if case .skipped(let terminator) = kind, terminator == [UInt8(ascii: ">")],
                opened.last == UInt8(ascii: ">")
            {
                markup = nil
                recent = []
            }
        }
    }

    private func remember(_ bytes: some Collection<UInt8>) {
        recent = Array((recent + bytes.suffix(3)).suffix(3))
    }

    /// Decides what a complete element tag means for the insertion, then writes it.
    private func handle(_ element: [UInt8]) throws {
        let isEnd = element.count > 1 && element[1] == UInt8(ascii: "/")
        let nameStart = isEnd ? 2 : 1
        let name = element[nameStart...].prefix {
            ![UInt8(ascii: " "), 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">")].contains($0)
        }
        let (prefix, local) = Self.split(String(decoding: name, as: UTF8.self))
        let selfClosing = !isEnd && element.count >= 3 && element[element.count - 2] == UInt8(ascii: "/")

        switch phase {
        case .seekingMessageHeaderEnd:
            try emit(element)
            if isEnd, local == "MessageHeader" { phase = .afterMessageHeader(prefix: prefix) }
        case .afterMessageHeader(let headerPrefix):
            if !isEnd, local == "TraceHeaderList" {
                try releaseHeld()
                if selfClosing {
                    var opened = Array(element.dropLast(2))
                    opened.append(UInt8(ascii: ">"))
                    output.append(contentsOf: opened)
                    output.append(contentsOf: traceHeader(prefix: prefix))
                    output.append(contentsOf: Array("</\(Self.qualified(prefix, "TraceHeaderList"))>".utf8))
                    phase = .done
                } else {
                    output.append(contentsOf: element)
                    phase = .insideTraceList(prefix: prefix)
                }
            } else {
                try insertNewList(prefix: headerPrefix)
                output.append(contentsOf: element)
            }
        case .insideTraceList(let listPrefix):
            if (!isEnd && local == "Bussiness") || (isEnd && local == "TraceHeaderList") {
                output.append(contentsOf: traceHeader(prefix: listPrefix))
                phase = .done
            }
            output.append(contentsOf: element)
        case .done:
            output.append(contentsOf: element)
        }
    }

    /// Writes bytes that are not an element tag: straight out, or held while deciding after `</MessageHeader>`.
    private func emit(_ bytes: some Collection<UInt8>) throws {
        guard case .afterMessageHeader(let prefix) = phase else {
            output.append(contentsOf: bytes)
            return
        }
        held.append(contentsOf: bytes)
        if held.count > Self.maximumHeldBytes { try insertNewList(prefix: prefix) }
    }

    /// A new `TraceHeaderList` right after `</MessageHeader>`, then whatever was held.
    private func insertNewList(prefix: String) throws {
        let list = Self.qualified(prefix, "TraceHeaderList")
        output.append(contentsOf: Array("<\(list)>".utf8) + traceHeader(prefix: prefix) + Array("</\(list)>".utf8))
        phase = .done
        try releaseHeld()
    }

    private func releaseHeld() throws {
        output.append(contentsOf: held)
        held = []
    }

    private func traceHeader(prefix: String) -> [UInt8] {
        let trace = Self.qualified(prefix, "TraceHeader")
        let organ = Self.qualified(prefix, "OrganId")
        let time = Self.qualified(prefix, "Timestamp")
        return Array(
            "<\(trace)><\(organ)>\(Self.escape(organId))</\(organ)><\(time)>\(Self.escape(timestamp))</\(time)></\(trace)>"
                .utf8)
    }

    private static func split(_ name: String) -> (prefix: String, local: String) {
        guard let colon = name.firstIndex(of: ":") else { return ("", name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    private static func qualified(_ prefix: String, _ local: String) -> String {
        prefix.isEmpty ? local : "\(prefix):\(local)"
    }

    private static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}
