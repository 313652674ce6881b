import Foundation
import Yams

extension ConfigDecoder {
    /// `inbound.trusted_roots`: absolute PEM paths, normalized, without duplicates. Existence is not checked here.
    func decodeTrustedRoots(_ inbound: MappingReader) -> [String] {
        let paths = inbound.stringList("trusted_roots") { path in
            PathRules.isAbsolute(path)
                ? nil
                : "'\(path)' is a relative path; use the absolute path of a PEM root certificate, "
                    + "e.g. /etc/lienthong/trust/rootca.pem"
        }
        var unique: [String] = []
        for path in paths.map(PathRules.normalized) where !unique.contains(path) { unique.append(path) }
        return unique
    }

    /// `agencies[].inbound_policy`: accept, warn (default) or quarantine.
    func decodeInboundPolicy(_ agency: MappingReader) -> InboundPolicy {
        let allowed = InboundPolicy.allCases.map(\.rawValue)
        let text = agency.choice("inbound_policy", default: InboundPolicy.warn.rawValue, allowed: allowed)
        return InboundPolicy(rawValue: text) ?? .warn
    }
}
