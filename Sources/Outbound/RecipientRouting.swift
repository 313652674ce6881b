import Config
import Foundation

/// Turns where a clerk dropped a file into the agencies it is for.
///
/// `outbox/x.pdf` goes to the agency's default recipients; `outbox/<code>/x.pdf` to that code;
/// `outbox/<route>/x.pdf` to every code of a route named in `agencies[].routes`; `outbox/<a>+<b>/x.pdf` to several
/// (codes and routes mixed). Deeper folders are routed by their first level. Route names are matched in NFC, before
/// codes, so a route may shadow a code-shaped name.
enum RecipientRouting {
    enum Outcome: Equatable {
        case recipients([String])
        case notACode(folder: String)
        case noRecipient
    }

    static func recipients(
        relativeComponents: [String], defaults: [String], routes: [String: [String]] = [:]
    ) -> Outcome {
        guard relativeComponents.count > 1, let folder = relativeComponents.first else {
            return defaults.isEmpty ? .noRecipient : .recipients(defaults)
        }
        guard
            let codes = expand(
                folder.split(separator: "+", omittingEmptySubsequences: false).map(String.init), routes: routes)
        else { return .notACode(folder: folder) }
        return .recipients(codes)
    }

    /// Codes and route names turned into codes, each once, in order; nil when one is neither.
    static func expand(_ names: [String], routes: [String: [String]]) -> [String]? {
        var unique: [String] = []
        for name in names {
            let codes: [String]
            if let route = routes[name.precomposedStringWithCanonicalMapping] {
                codes = route
            } else if isPlausibleAgencyCode(name) {
                codes = [name]
            } else {
                return nil
            }
            for code in codes where !unique.contains(code) { unique.append(code) }
        }
        return unique
    }

    /// The names among `names` that are neither a route nor a plausible agency code.
    static func unknownNames(_ names: [String], routes: [String: [String]]) -> [String] {
        names.filter { routes[$0.precomposedStringWithCanonicalMapping] == nil && !isPlausibleAgencyCode($0) }
    }

    /// Agency codes are validated loosely (``AgencyCodeShape``): the axis is the authority on which exist.
    static func isPlausibleAgencyCode(_ code: String) -> Bool { AgencyCodeShape.isPlausible(code) }
}
