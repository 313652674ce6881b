import Foundation

/// The `DocumentId` of an edXML document: `<OrganId>,<yyyy/MM/dd>,<CodeNumber>/<CodeNotation>`, e.g.
/// `000.00.00.G22,2015/09/30,7816/VPCP-TTĐT`; the test axis also uses UUIDs, kept as opaque identifiers.
public struct DocumentIdentifier: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// The identifier as written on the wire.
    public let rawValue: String
    /// The issuing agency, for a structured identifier.
    public let organId: String?
    /// `yyyy/MM/dd` as found (a `yyyy-MM-dd` date is accepted when parsing and kept as written).
    public let promulgationDate: String?
    public let codeNumber: String?
    public let codeNotation: String?

    /// Whether this is an opaque identifier (a UUID) rather than the structured form.
    public var isOpaque: Bool { organId == nil }

    public var description: String { rawValue }

    /// Builds the structured form. The date may be given as `yyyy/MM/dd` or `yyyy-MM-dd`; it is written
    /// `yyyy/MM/dd`. Parts must be non-empty and must not contain the separators (`,` anywhere, `/` in the
    /// agency code and the number).
    public init(organId: String, promulgationDate: String, codeNumber: String, codeNotation: String) throws(EdXMLError)
    {
        let date = promulgationDate.replacingOccurrences(of: "-", with: "/")
        let raw = "\(organId),\(date),\(codeNumber)/\(codeNotation)"
        guard !organId.isEmpty, !organId.contains(","), !organId.contains("/") else {
            throw .invalidDocumentId(raw, reason: "the agency code '\(organId)' is empty or contains ',' or '/'")
        }
        guard Self.isDate(date) else {
            throw .invalidDocumentId(raw, reason: "the date '\(promulgationDate)' is not yyyy/MM/dd")
        }
        guard !codeNumber.isEmpty, !codeNumber.contains(","), !codeNumber.contains("/") else {
            throw .invalidDocumentId(raw, reason: "the number '\(codeNumber)' is empty or contains ',' or '/'")
        }
        guard !codeNotation.isEmpty, !codeNotation.contains(",") else {
            throw .invalidDocumentId(raw, reason: "the notation '\(codeNotation)' is empty or contains ','")
        }
        self.rawValue = raw
        self.organId = organId
        self.promulgationDate = date
        self.codeNumber = codeNumber
        self.codeNotation = codeNotation
    }

    /// Parses a `DocumentId` from the wire (surrounding whitespace ignored): the structured form, or a UUID.
    /// In the structured form the code is split at its first `/`; the notation may contain more.
    public init(parsing text: String) throws(EdXMLError) {
        let value = text.trimmingWhitespace()
        if UUID(uuidString: value) != nil {
            self.rawValue = value
            self.organId = nil
            self.promulgationDate = nil
            self.codeNumber = nil
            self.codeNotation = nil
            return
        }
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw .invalidDocumentId(value, reason: "it has \(parts.count) comma-separated parts instead of 3")
        }
        let organId = String(parts[0]).trimmingWhitespace()
        let date = String(parts[1]).trimmingWhitespace()
        let code = String(parts[2]).trimmingWhitespace()
        guard !organId.isEmpty else { throw .invalidDocumentId(value, reason: "the agency code is empty") }
        guard Self.isDate(date.replacingOccurrences(of: "-", with: "/")) else {
            throw .invalidDocumentId(value, reason: "the date '\(date)' is not yyyy/MM/dd")
        }
        guard let slash = code.firstIndex(of: "/") else {
            throw .invalidDocumentId(value, reason: "the code '\(code)' has no '/' between number and notation")
        }
        let number = String(code[..<slash])
        let notation = String(code[code.index(after: slash)...])
        guard !number.isEmpty, !notation.isEmpty else {
            throw .invalidDocumentId(value, reason: "the number or the notation is empty")
        }
        self.rawValue = value
        self.organId = organId
        self.promulgationDate = date
        self.codeNumber = number
        self.codeNotation = notation
    }

    /// `dddd/dd/dd` with a plausible month and day. The calendar is not checked: real identifiers contain
    /// dates such as 2014/02/30.
    private static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
