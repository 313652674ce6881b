import Foundation
import Yams

extension ConfigDecoder {
    /// `agencies[].filename_pattern`.
    func decodeFilenamePattern(_ agency: MappingReader) -> FilenamePattern? {
        guard let text = agency.string("filename_pattern") else { return nil }
        do {
            return try FilenamePattern(text)
        } catch {
            agency.report("filename_pattern", "'\(text)' \(error)")
            return nil
        }
    }

    /// `agencies[].routes`: `{so-noi-vu: [000.01.31.H41, …]}`.
    func decodeRoutes(_ agency: MappingReader) -> [String: [String]] {
        guard let routes = agency.mapping("routes") else { return [:] }
        var result: [String: [String]] = [:]
        for name in routes.presentKeys {
            if let problem = Self.routeNameProblem(name) {
                routes.report(name, problem)
                continue
            }
            let codes = routes.stringList(name) { CodeRules.problem(with: $0, what: "recipient code") }
            if routes.node(name) == nil || codes.isEmpty {
                routes.report(name, "lists no recipient code; give at least one, e.g. [000.00.00.H26]")
                continue
            }
            var unique: [String] = []
            for code in codes where !unique.contains(code) { unique.append(code) }
            result[name.precomposedStringWithCanonicalMapping] = unique
        }
        return result
    }

    /// Route names are folder names under `outbox/`, and `+` joins several of them.
    static func routeNameProblem(_ name: String) -> String? {
        if name.isEmpty || name.hasPrefix(".") || name.contains("/") || name.contains("+") || name.utf8.count > 255 {
            return "'\(name)' cannot be a folder name in outbox/; use letters, digits and dashes, e.g. so-noi-vu "
                + "(no '/', no '+', not starting with '.')"
        }
        return nil
    }
}
