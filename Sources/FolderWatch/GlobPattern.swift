/// A shell-style glob (`*`, `?`, `[abc]`, `[a-z]`, `[!x]`), matched case-insensitively because the people who
/// name the files work on Windows. `*` and `?` never match `/`.
struct GlobPattern: Sendable, Equatable {
    let text: String
    /// True when the pattern contains `/` and is matched against a relative path rather than a name.
    let matchesPaths: Bool
    private let pattern: [Character]

    init(_ text: String) {
        self.text = text
        self.matchesPaths = text.contains("/")
        self.pattern = Array(text.lowercased())
    }

    /// Matches `name` (a file name) or, for a pattern with `/`, `relativePath` (components joined with `/`).
    func matches(name: String, relativePath: String) -> Bool {
        matches(Array((matchesPaths ? relativePath : name).lowercased()))
    }

    /// The classic linear-time wildcard match with one backtracking point for the last `*`.
    private func matches(_ subject: [Character]) -> Bool {
        var p = 0
        var s = 0
        var star: (pattern: Int, subject: Int)?
        while s < subject.count {
            if p < pattern.count, pattern[p] == "*" {
                star = (p, s)
                p += 1
                continue
            }
            if p < pattern.count, let next = matchOne(at: p, subject[s]) {
                p = next
                s += 1
                continue
            }
            guard let last = star, subject[last.subject] != "/" else { return false }
            star = (last.pattern, last.subject + 1)
            p = last.pattern + 1
            s = last.subject + 1
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// If the pattern element at `index` matches `character`, the index after that element.
    private func matchOne(at index: Int, _ character: Character) -> Int? {
        if character == "/" { return pattern[index] == "/" ? index + 1 : nil }
        switch pattern[index] {
        case "?":
            return index + 1
        case "[":
            return matchClass(at: index, character)
        case let literal:
            return literal == character ? index + 1 : nil
        }
    }

    private func matchClass(at start: Int, _ character: Character) -> Int? {
        var index = start + 1
        let negated = index < pattern.count && (pattern[index] == "!" || pattern[index] == "^")
        if negated { index += 1 }
        var matched = false
        var first = true
        while index < pattern.count, pattern[index] != "]" || first {
            first = false
            let low = pattern[index]
            if index + 2 < pattern.count, pattern[index + 1] == "-", pattern[index + 2] != "]" {
                if low <= character && character <= pattern[index + 2] { matched = true }
                index += 3
            } else {
                if low == character { matched = true }
                index += 1
            }
        }
        // An unterminated `[` is a literal bracket.
        guard index < pattern.count else { return character == "[" ? start + 1 : nil }
        return matched != negated ? index + 1 : nil
    }
}
