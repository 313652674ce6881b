import Yams

/// Turns a Yams parse failure into a ``ConfigProblem`` with the line and a message without the whole file in it.
enum YAMLSyntaxProblem {
    static func problem(from error: any Error) -> ConfigProblem {
        guard let yamlError = error as? YamlError else {
            return ConfigProblem(keyPath: "", line: nil, message: "not valid YAML: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return ConfigProblem(
                keyPath: "", line: mark.line, message: "not valid YAML: \(problem)\(contextText(context))")
        case .reader(let problem, let offset, _, let yaml):
            return ConfigProblem(
                keyPath: "", line: offset.map { line(atCharacterOffset: $0, in: yaml) },
                message: "not valid YAML text: \(problem); the file must be UTF-8 text without control characters")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigProblem(
                keyPath: "", line: context.mark.line > 0 ? context.mark.line : nil,
                message: "key \(keys) appears more than once in the same mapping; keep only one")
        default:
            return ConfigProblem(keyPath: "", line: nil, message: "not valid YAML: \(yamlError)")
        }
    }

    private static func contextText(_ context: YamlError.Context?) -> String {
        guard let context else { return "" }
        return " (\(context.text) at line \(context.mark.line))"
    }

    private static func line(atCharacterOffset offset: Int, in text: String) -> Int {
        1 + text.prefix(offset).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
    }
}
