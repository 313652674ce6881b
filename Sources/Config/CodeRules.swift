/// Loose validation of agency codes as used on the axis (`000.00.00.H41`, `vxp.saas.03`, `G12.34`).
enum CodeRules {
    static let maximumLength = 35

    /// A message explaining what is wrong with `code`, or `nil` when it is acceptable.
    static func problem(with code: String, what: String = "agency code") -> String? {
        let valid =
            (1...maximumLength).contains(code.count)
            && code.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                        || ".-_".unicodeScalars.contains(scalar))
            }
        guard !valid else { return nil }
        return "'\(code)' is not a valid \(what); use 1 to \(maximumLength) letters, digits, dots, dashes or "
            + "underscores, e.g. 000.00.00.H41"
    }
}
