/// The changes a certification (author) signature permits after it: `/P` of its DocMDP transform
/// (ISO 32000-2 12.8.2.2). Validation data and document timestamps are permitted at every level (PAdES).
public enum PDFDocMDPPermission: Int, Sendable, Equatable, Comparable, Codable {
    /// P=1: no changes.
    case noChanges = 1
    /// P=2: filling in forms and signing.
    case formFillingAndSigning = 2
    /// P=3: also annotations.
    case annotations = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether a change of `kind` is permitted at this level.
    func permits(_ kind: PDFPermittedChange) -> Bool { kind.level <= rawValue }

    /// The DocMDP level of a signature dictionary, from its `/Reference` signature references; nil for an approval
    /// signature. A missing or unknown `/P` counts as 2 (the default of ISO 32000-2 Table 257); an out-of-range one
    /// as 1, the strictest.
    static func of(signature: PDFDictionary, in document: PDFDocument) throws(PDFError) -> PDFDocMDPPermission? {
        for reference in try document.resolve(signature["Reference"]).array?.prefix(16) ?? [] {
            guard let transform = try document.resolve(reference).dictionary,
                try document.resolve(transform["TransformMethod"]).name == "DocMDP"
            else { continue }
            let parameters = try document.resolve(transform["TransformParams"]).dictionary
            guard let value = try document.resolve(parameters?["P"]).integer else { return .formFillingAndSigning }
            return PDFDocMDPPermission(rawValue: value) ?? .noChanges
        }
        return nil
    }

    /// The document's certification level, from the catalog's `/Perms /DocMDP` signature; nil when not certified.
    static func ofCertification(in document: PDFDocument) throws(PDFError) -> PDFDocMDPPermission? {
        guard let permissions = try document.resolve(document.catalog()["Perms"]).dictionary,
            let signature = try document.resolve(permissions["DocMDP"]).dictionary
        else { return nil }
        return try of(signature: signature, in: document) ?? .formFillingAndSigning
    }
}
