import Foundation
import Yams

/// Typed reads. Each reports a problem naming the key, its line and what would be valid, and returns `nil` (or the
/// default) so that reading goes on and every problem is found in one pass.
extension MappingReader {
    /// Lists and agencies are short; a limit keeps alias tricks (`[*a, *a, …]`) from multiplying work.
    static let maximumListLength = 1000

    /// A scalar read as text, trimmed. Numbers and booleans are read as written (`0238 3844 111` keeps its zeros).
    func string(_ key: String) -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.report(keyPath(key), line: node.mark?.line, "expected text, found \(node.kindDescription)")
            return nil
        }
        return scalar.string.trimmingWhitespace()
    }

    func requiredString(_ key: String, hint: String) -> String? {
        if node(key) == nil {
            reportMissing(key, hint)
            return nil
        }
        return string(key)
    }

    func bool(_ key: String, default value: Bool) -> Bool {
        guard let text = scalarText(key, expecting: "true or false") else { return value }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default:
            report(key, "'\(text)' is not valid; use true or false")
            return value
        }
    }

    func int(_ key: String, default value: Int, range: ClosedRange<Int>, meaning: String = "") -> Int {
        guard let text = scalarText(key, expecting: "a whole number") else { return value }
        let suffix = meaning.isEmpty ? "" : " (\(meaning))"
        guard let number = Int(text.replacingUnderscores()), range.contains(number) else {
            report(
                key,
                "'\(text)' is not valid; use a whole number from \(range.lowerBound) to \(range.upperBound)\(suffix)")
            return value
        }
        return number
    }

    func fraction(_ key: String, default value: Double) -> Double {
        guard let text = scalarText(key, expecting: "a number from 0 to 1") else { return value }
        guard let number = Double(text), number >= 0, number <= 1 else {
            report(key, "'\(text)' is not valid; use a number from 0 to 1, e.g. 0.2")
            return value
        }
        return number
    }

    /// A strictly positive duration.
    func duration(_ key: String, default value: Duration) -> Duration {
        guard let text = scalarText(key, expecting: "a duration such as \(DurationSyntax.examples)") else {
            return value
        }
        guard let duration = DurationSyntax.parse(text) else {
            report(key, "'\(text)' is not a duration; use \(DurationSyntax.examples) (at most 366 days)")
            return value
        }
        guard duration > .zero else {
            report(key, "must be longer than zero; use e.g. \(DurationSyntax.examples)")
            return value
        }
        return duration
    }

    /// A strictly positive size in bytes.
    func byteSize(_ key: String, default value: Int64) -> Int64 {
        guard let text = scalarText(key, expecting: "a size such as \(ByteSizeSyntax.examples)") else { return value }
        guard let size = ByteSizeSyntax.parse(text) else {
            report(key, "'\(text)' is not a size; use \(ByteSizeSyntax.examples)")
            return value
        }
        guard size > 0 else {
            report(key, "must be larger than zero; use e.g. \(ByteSizeSyntax.examples)")
            return value
        }
        return size
    }

    /// One of `allowed`, compared without regard to case and returned as listed.
    func choice(_ key: String, default value: String, allowed: [String]) -> String {
        guard let text = scalarText(key, expecting: "one of \(allowed.joined(separator: ", "))") else { return value }
        guard let match = allowed.first(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) else {
            report(key, "'\(text)' is not valid; use \(Self.alternatives(allowed))")
            return value
        }
        return match
    }

    /// An absolute path, normalized.
    func path(_ key: String) -> String? {
        guard let text = string(key) else { return nil }
        guard PathRules.isAbsolute(text) else {
            report(
                key,
                "'\(text)' is a relative path; use an absolute path starting with '/' (the daemon's working "
                    + "directory is not the configuration's)")
            return nil
        }
        return PathRules.normalized(text)
    }

    /// A list of texts; each item is checked with `validate`, which returns a message for an invalid item.
    func stringList(_ key: String, validate: (String) -> String? = { _ in nil }) -> [String] {
        guard let node = node(key) else { return [] }
        guard case .sequence(let sequence) = node else {
            report(key, "expected a list (e.g. [a, b] or one '- item' per line), found \(node.kindDescription)")
            return []
        }
        guard sequence.count <= Self.maximumListLength else {
            report(key, "has \(sequence.count) items; at most \(Self.maximumListLength) are accepted")
            return []
        }
        var items: [String] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(keyPath(key))[\(index)]"
            guard case .scalar(let scalar) = item, !item.isEmptyValue else {
                diagnostics.report(itemPath, line: item.mark?.line, "expected text, found \(item.kindDescription)")
                continue
            }
            let text = scalar.string.trimmingWhitespace()
            if let problem = validate(text) {
                diagnostics.report(itemPath, line: item.mark?.line, problem)
                continue
            }
            items.append(text)
        }
        return items
    }

    /// A nested mapping, or `nil` when absent or not a mapping (reported).
    func mapping(_ key: String) -> MappingReader? {
        guard let node = node(key) else { return nil }
        guard case .mapping(let mapping) = node else {
            report(key, "expected a mapping of keys, found \(node.kindDescription)")
            return nil
        }
        return MappingReader(mapping: mapping, path: keyPath(key), line: lineOf(key), diagnostics: diagnostics)
    }

    /// Reports a problem with the value of `key`, at the value's line.
    func report(_ key: String, _ message: String) {
        diagnostics.report(keyPath(key), line: node(key)?.mark?.line ?? lineOf(key), message)
    }

    /// `a, b or c`.
    static func alternatives(_ values: [String]) -> String {
        guard values.count > 1, let last = values.last else { return values.first ?? "" }
        return values.dropLast().joined(separator: ", ") + " or " + last
    }

    private func scalarText(_ key: String, expecting: String) -> String? {
        guard let node = node(key) else { return nil }
        guard case .scalar(let scalar) = node else {
            report(key, "expected \(expecting), found \(node.kindDescription)")
            return nil
        }
        return scalar.string.trimmingWhitespace()
    }
}

extension String {
    /// YAML allows `1_000`; so do we.
    fileprivate func replacingUnderscores() -> String {
        String(filter { $0 != "_" })
    }
}
