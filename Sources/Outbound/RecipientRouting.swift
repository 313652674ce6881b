/// Turns where a clerk dropped a file into the agencies it is for.
///
/// `outbox/x.pdf` goes to the agency's default recipients; `outbox/<code>/x.pdf` to that code;
/// `outbox/<code>+<code>/x.pdf` to several. Deeper folders are routed by their first level.
enum RecipientRouting {
    enum Outcome: Equatable {
        case recipients([String])
        case notACode(folder: String)
        case noRecipient
    }

    static func recipients(relativeComponents: [String], defaults: [String]) -> Outcome {
        guard relativeComponents.count > 1, let folder = relativeComponents.first else {
            return defaults.isEmpty ? .noRecipient : .recipients(defaults)
        }
        let codes = folder.split(separator: "+", omittingEmptySubsequences: false).map { String($0) }
        guard codes.allSatisfy(isPlausibleAgencyCode) else { return .notACode(folder: folder) }
        var unique: [String] = []
        for code in codes where !unique.contains(code) { unique.append(code) }
        return .recipients(unique)
    }

    /// Agency codes are validated loosely (axis-protocol.md section 5): the axis is the authority on which exist.
    static func isPlausibleAgencyCode(_ code: String) -> Bool {
        guard (1...35).contains(code.count) else { return false }
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy { scalar in
                    scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-"
                        || scalar == "_")
                }
        }
    }
}
