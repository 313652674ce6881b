import Foundation
import Yams

/// Reads one YAML mapping of the configuration, remembering which keys were asked for so that every other key can
/// be reported as unknown, with the valid keys and the closest one.
///
/// Absent keys and keys with an empty value (`fax:`, `fax: ~`, `fax: ""`) read as "not set".
final class MappingReader {
    struct Entry {
        var key: String
        var keyLine: Int?
        var value: Node
    }

    /// Full key path of this mapping, e.g. `agencies[0].watch`; empty for the document root.
    let path: String
    /// Line of the key that names this mapping (or of the list item); `nil` for the root.
    let line: Int?
    let diagnostics: Diagnostics
    private let entries: [Entry]
    private var knownKeys: [String] = []

    init(mapping: Node.Mapping, path: String, line: Int?, diagnostics: Diagnostics) {
        self.path = path
        self.line = line
        self.diagnostics = diagnostics
        self.entries = Self.entries(of: mapping, path: path, diagnostics: diagnostics)
    }

    /// The keys written in this mapping, in file order, for mappings whose keys are names (e.g. `routes`).
    var presentKeys: [String] { entries.map(\.key) }

    func keyPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The value of `key` when it is present and not empty. Registers `key` as valid at this level.
    func node(_ key: String) -> Node? {
        if !knownKeys.contains(key) { knownKeys.append(key) }
        guard let entry = entries.first(where: { $0.key == key }), !entry.value.isEmptyValue else { return nil }
        return entry.value
    }

    /// Line of `key` when present, otherwise the line of this mapping.
    func lineOf(_ key: String) -> Int? {
        entries.first(where: { $0.key == key })?.keyLine ?? line
    }

    func reportMissing(_ key: String, _ hint: String) {
        diagnostics.report(keyPath(key), line: line, "is required but missing; \(hint)")
    }

    /// Reports every key that no reader asked for. Call after all keys of this level have been read.
    func reportUnknownKeys(secretAdvice: String) {
        for entry in entries where !knownKeys.contains(entry.key) {
            let path = keyPath(entry.key)
            if InlineSecretKeys.isSecret(entry.key) {
                diagnostics.report(
                    path, line: entry.keyLine,
                    "secrets must not be written in the configuration file (it is readable by admins and ends up in "
                        + "backups); remove this key and \(secretAdvice)")
                continue
            }
            var message = "unknown key '\(entry.key)'"
            if let suggestion = KeySuggestion.closest(to: entry.key, among: knownKeys) {
                message += "; did you mean '\(suggestion)'?"
            }
            message += " Valid keys here: \(knownKeys.joined(separator: ", "))"
            diagnostics.report(path, line: entry.keyLine, message)
        }
    }

    /// The mapping's entries with YAML merge keys (`<<: *defaults`) applied; keys written explicitly win.
    private static func entries(of mapping: Node.Mapping, path: String, diagnostics: Diagnostics) -> [Entry] {
        var explicit: [Entry] = []
        var merged: [Entry] = []
        for (keyNode, value) in mapping {
            let keyLine = keyNode.mark?.line
            guard case .scalar(let scalar) = keyNode else {
                diagnostics.report(path, line: keyLine, "keys must be plain names, found \(keyNode.kindDescription)")
                continue
            }
            let key = scalar.string
            guard key == "<<" else {
                explicit.append(Entry(key: key, keyLine: keyLine, value: value))
                continue
            }
            let sources: [Node] =
                switch value {
                case .sequence(let sequence): Array(sequence)
                default: [value]
                }
            for source in sources {
                guard case .mapping(let sourceMapping) = source else {
                    diagnostics.report(
                        path.isEmpty ? "<<" : "\(path).<<", line: keyLine,
                        "a merge key must refer to a mapping (e.g. '<<: *watch_defaults'), "
                            + "found \(source.kindDescription)")
                    continue
                }
                for entry in Self.entries(of: sourceMapping, path: path, diagnostics: diagnostics)
                where !merged.contains(where: { $0.key == entry.key }) {
                    merged.append(entry)
                }
            }
        }
        let mergedOnly = merged.filter { entry in !explicit.contains { $0.key == entry.key } }
        return explicit + mergedOnly
    }
}

/// Key names that would hold a secret written inline.
enum InlineSecretKeys {
    private static let names: Set<String> = [
        "secret", "password", "passphrase", "passwd", "pass", "pin", "token", "api_key", "apikey", "secret_key",
        "key_password", "private_key_password", "client_secret", "credentials", "axis_secret",
    ]

    static func isSecret(_ key: String) -> Bool {
        names.contains(key.lowercased().replacingOccurrences(of: "-", with: "_"))
    }
}

extension Node {
    /// YAML null, or a scalar that is empty after trimming whitespace.
    var isEmptyValue: Bool {
        guard case .scalar(let scalar) = self else { return false }
        let text = scalar.string.trimmingWhitespace()
        if text.isEmpty { return true }
        return scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(text)
    }

    /// How the node looks, for error messages: `a list`, `a mapping` or `'text'` (shortened).
    var kindDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            let text = scalar.string
            return text.count > 60 ? "'\(text.prefix(57))...'" : "'\(text)'"
        }
    }
}
