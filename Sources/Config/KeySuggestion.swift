/// Finds the valid key an unknown key was probably meant to be.
enum KeySuggestion {
    /// The closest of `candidates` to `key`, if it is close enough to be a plausible typo.
    ///
    /// Case, `_` and `-` are ignored first, so `settleTime` and `Settle-Time` suggest `settle_time`; otherwise the
    /// edit distance must be at most 2, or a third of the key's length for long keys.
    static func closest(to key: String, among candidates: [String]) -> String? {
        let folded = fold(key)
        if let exact = candidates.first(where: { fold($0) == folded }) {
            return exact
        }
        let limit = max(2, folded.count / 3)
        let scored = candidates.map { (candidate: $0, distance: distance(folded, fold($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit else { return nil }
        return best.candidate
    }

    private static func fold(_ key: String) -> String {
        String(key.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    /// Levenshtein distance over characters, with one row of memory.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
