/// What an agency code looks like, checked loosely (axis-protocol.md section 5: the axis is the authority on which
/// codes exist): at most 35 characters in dot-separated parts of ASCII letters, digits, `-` and `_`, with at least
/// one digit.
///
/// Every known shape has a digit (`000.00.00.H41`, `000.46.24.H44`, `28.22.H17`, `02.44.W00`, `vxp.saas.03`) and a
/// route name normally has none (`so-noi-vu`), so a misspelt route folder (`so-noi-vuu`) is not taken for a code
/// and sent to the axis, which would refuse it; the clerk is told instead. The one definition for the outbound
/// routing, the folder watcher and the configuration's checks.
public enum AgencyCodeShape {
    public static let maximumLength = 35

    public static func isPlausible(_ code: String) -> Bool {
        guard (1...maximumLength).contains(code.count), code.unicodeScalars.contains(where: isDigit) else {
            return false
        }
        return code.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty
                && part.unicodeScalars.allSatisfy { scalar in
                    scalar.isASCII && (scalar.properties.isAlphabetic || isDigit(scalar) || scalar == "-" || scalar == "_")
                }
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
