import CryptoPrimitives
import SystemSupport

/// Writes edXML markup to a ``DurableFileWriter``, or into memory for a message small enough to be sent from there:
/// indentation, the `edXML:` prefix, escaping. Every byte written is also hashed (``digest``), so the message's
/// SHA-256 is known without reading the file again.
final class XMLOutput {
    /// The file being written, or nil when the output is collected in ``bytes``.
    let file: DurableFileWriter?
    /// What was written, when there is no file.
    private(set) var bytes: [UInt8] = []
    private var indentLevel = 0
    private let hasher = SHA256()

    init(file: DurableFileWriter) {
        self.file = file
    }

    /// An output collected in memory (``bytes``).
    init() {
        file = nil
    }

    func raw(_ text: String) throws(EdXMLError) {
        try write(text.utf8)
    }

    func write(_ bytes: some Collection<UInt8>) throws(EdXMLError) {
        if let file {
            try DurableOutput.append(bytes, to: file)
        } else {
            self.bytes.append(contentsOf: bytes)
        }
        hasher.update(bytes)
    }

    /// The SHA-256 of everything written; nothing may be written afterwards.
    func digest() -> Digest { hasher.finalize() }

    /// `<name attributes>` on its own line; the following content is indented.
    func open(_ name: String, attributes: String = "") throws(EdXMLError) {
        try line("<\(name)\(attributes)>")
        indentLevel += 1
    }

    func close(_ name: String) throws(EdXMLError) {
        indentLevel -= 1
        try line("</\(name)>")
    }

    /// `<name>text</name>` when `text` is not nil; nothing when it is.
    func element(_ name: String, _ text: String?, field: String? = nil) throws(EdXMLError) {
        guard let text else { return }
        try line("<\(name)>\(try Self.escapeText(text, field: field ?? name))</\(name)>")
    }

    /// Starts a line at the current indentation without ending it (for streamed content).
    func startLine(_ text: String) throws(EdXMLError) {
        try raw(String(repeating: "  ", count: indentLevel) + text)
    }

    func line(_ text: String) throws(EdXMLError) {
        try raw(String(repeating: "  ", count: indentLevel) + text + "\n")
    }

    /// Escapes `&`, `<`, `>` (and `"`, `'` for attributes), writes CR as `&#13;` so it survives line-end
    /// normalisation, and refuses characters XML 1.0 cannot carry at all.
    static func escapeText(_ text: String, field: String, forAttribute: Bool = false) throws(EdXMLError) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"" where forAttribute: escaped += "&quot;"
            case "'" where forAttribute: escaped += "&apos;"
            case "\r": escaped += "&#13;"
            case "\t" where forAttribute: escaped += "&#9;"
            case "\n" where forAttribute: escaped += "&#10;"
            default:
                let value = scalar.value
                let allowed =
                    value == 0x9 || value == 0xA || (0x20...0xD7FF).contains(value)
                    || (0xE000...0xFFFD).contains(value) || value >= 0x10000
                guard allowed else {
                    throw .invalidArgument(
                        "\(field) contains the control character U+\(String(value, radix: 16)), "
                            + "which XML cannot carry")
                }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
