import Foundation

/// How an agency's software names its files, so that the number, notation, date and subject can be read from the
/// name: `agencies[].filename_pattern`, e.g. `{number}-{notation}_{date}_{subject}` reads
/// `125-UBND-VX_2026-11-20_Về việc họp.pdf`.
///
/// Placeholders: `{number}` (số: no `/` or `,`), `{notation}` (ký hiệu), `{date}` or `{yyyy-mm-dd}` (2026-11-20),
/// `{dd-mm-yyyy}` (20-11-2026), `{subject}` (trích yếu). Each may appear once and two placeholders must be separated
/// by literal text. The number is letters, digits and dots. A pattern that ends with literal text containing a dot
/// (`….pdf`) is matched against the whole file name; any other against the name without its extension. Names and
/// pattern are compared in Unicode NFC (macOS clients send NFD); placeholders take as little text as they can,
/// except the last one, so a notation may contain `-`.
public struct FilenamePattern: Sendable, Equatable, CustomStringConvertible {
    public enum Field: String, Sendable, CaseIterable {
        case number
        case notation
        case isoDate = "yyyy-mm-dd"
        case dayFirstDate = "dd-mm-yyyy"
        case subject
    }

    enum Part: Sendable, Equatable {
        case literal([Character])
        case field(Field)
    }

    /// What a matching file name says. The date is `yyyy/MM/dd`.
    public struct Match: Sendable, Equatable {
        public var number: String?
        public var notation: String?
        public var date: String?
        public var subject: String?
    }

    /// Longer names are not matched (file systems allow 255 bytes; this bounds the backtracking).
    static let maximumNameLength = 1024

    public let template: String
    let parts: [Part]

    public var description: String { template }

    /// Parses a template; the error message says what is wrong and what would be valid.
    public init(_ template: String) throws(FilenamePatternError) {
        var parts: [Part] = []
        var literal: [Character] = []
        var seen: Set<Field> = []
        var rest = Substring(template.precomposedStringWithCanonicalMapping)
        while let character = rest.first {
            rest = rest.dropFirst()
            guard character == "{" else {
                if character == "}" { throw FilenamePatternError("'}' without a matching '{'") }
                if character == "/" { throw FilenamePatternError("a file name cannot contain '/'") }
                literal.append(character)
                continue
            }
            guard let close = rest.firstIndex(of: "}") else { throw FilenamePatternError("'{' is never closed") }
            let name = rest[..<close].lowercased()
            rest = rest[rest.index(after: close)...]
            let field: Field
            switch name {
            case "date": field = .isoDate
            default:
                guard let known = Field(rawValue: name) else {
                    let valid = "{number}, {notation}, {date} (= {yyyy-mm-dd}), {dd-mm-yyyy}, {subject}"
                    throw FilenamePatternError("unknown placeholder {\(name)}; use \(valid)")
                }
                field = known
            }
            let isDate = field == .isoDate || field == .dayFirstDate
            let dateTwice = isDate && (seen.contains(.isoDate) || seen.contains(.dayFirstDate))
            guard !dateTwice, seen.insert(field).inserted else {
                throw FilenamePatternError("{\(name)} appears more than once (a date counts once, in any form)")
            }
            if !literal.isEmpty {
                parts.append(.literal(literal))
                literal = []
            } else if case .field = parts.last {
                throw FilenamePatternError(
                    "two placeholders touch before {\(name)}; put a separator such as '-' or '_' between them")
            }
            parts.append(.field(field))
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        guard !seen.isEmpty else {
            throw FilenamePatternError("has no placeholder; use e.g. {number}-{notation}_{date}_{subject}")
        }
        self.template = template
        self.parts = parts
    }

    /// The values in `fileName`, or nil when the name does not follow the pattern (or names an impossible date).
    public func match(fileName: String) -> Match? {
        let name = fileName.precomposedStringWithCanonicalMapping
        guard name.count <= Self.maximumNameLength else { return nil }
        if case .literal(let last) = parts.last, last.contains(".") { return match(Array(name)) }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return match(Array(name)) }
        return match(Array(name[..<dot]))
    }

    /// A file name that follows the pattern, for messages to clerks.
    public func example(number: String, notation: String, date: String, subject: String, fileExtension: String)
        -> String
    {
        let digits = date.split(whereSeparator: { !$0.isNumber }).map(String.init)
        var name = ""
        for part in parts {
            switch part {
            case .literal(let characters): name += String(characters)
            case .field(.number): name += number
            case .field(.notation): name += notation.replacingOccurrences(of: "/", with: "-")
            case .field(.isoDate): name += digits.count == 3 ? digits.joined(separator: "-") : date
            case .field(.dayFirstDate): name += digits.count == 3 ? digits.reversed().joined(separator: "-") : date
            case .field(.subject): name += subject
            }
        }
        let suffix = fileExtension.isEmpty ? "" : "." + fileExtension
        return name.hasSuffix(suffix) ? name : name + suffix
    }

    private func match(_ name: [Character]) -> Match? {
        var captures: [Field: String] = [:]
        guard matchParts(0, name[...], &captures) else { return nil }
        var result = Match(
            number: captures[.number], notation: captures[.notation], date: nil, subject: captures[.subject])
        if let text = captures[.isoDate] {
            guard let date = CalendarDateSyntax.wireDate(fromYearFirst: text) else { return nil }
            result.date = date
        } else if let text = captures[.dayFirstDate] {
            guard let date = CalendarDateSyntax.wireDate(fromDayFirst: text) else { return nil }
            result.date = date
        }
        return result
    }

    /// Backtracking over the parts; each field takes the shortest text that lets the rest match, the last field
    /// takes everything left.
    private func matchParts(_ index: Int, _ rest: ArraySlice<Character>, _ captures: inout [Field: String]) -> Bool {
        guard index < parts.count else { return rest.isEmpty }
        switch parts[index] {
        case .literal(let literal):
            guard rest.starts(with: literal) else { return false }
            return matchParts(index + 1, rest.dropFirst(literal.count), &captures)
        case .field(let field):
            let isLast = index == parts.count - 1
            let lengths: [Int] =
                switch field {
                case .isoDate, .dayFirstDate: [10, 9, 8]
                default: isLast ? [rest.count] : Array(1...max(1, rest.count))
                }
            for length in lengths where length >= 1 && length <= rest.count {
                let value = rest.prefix(length)
                guard Self.accepts(field, value) else {
                    // A longer prefix holds the same refused character.
                    if field == .number || (field == .notation && value.last == ",") { break }
                    continue
                }
                captures[field] = String(value).trimmingWhitespace()
                if matchParts(index + 1, rest.dropFirst(length), &captures) { return true }
            }
            captures[field] = nil
            return false
        }
    }

    private static func accepts(_ field: Field, _ value: ArraySlice<Character>) -> Bool {
        switch field {
        case .number: return value.allSatisfy { $0.isLetter || $0.isNumber || $0 == "." }
        case .notation: return !value.contains(",") && !value.allSatisfy(\.isWhitespace)
        case .subject: return !value.allSatisfy(\.isWhitespace)
        case .isoDate, .dayFirstDate: return value.allSatisfy { $0.isASCII && ($0.isNumber || "-._".contains($0)) }
        }
    }
}

/// Why a `filename_pattern` cannot be used.
public struct FilenamePatternError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
