import Logging

/// One log record, ready to print: metadata merged, redacted, rendered to text and put in a stable order.
///
/// Order: the journal fields first (in `JournalField.allCases` order), then every other key sorted, so that two
/// records with the same metadata always print the same way whatever the dictionary order was.
struct LogRecord: Sendable {
    struct Entry: Sendable, Equatable {
        /// The key as printed: the journal field name for journal fields, the original key otherwise.
        var key: String
        /// The rendered value, or `<redacted>`; not yet escaped.
        var value: String
        var journalField: JournalField?
    }

    var level: Logger.Level
    var label: String
    var message: String
    var entries: [Entry]
    var file: String
    var function: String
    var line: UInt

    /// The text printed instead of a secret's value.
    static let redacted = "<redacted>"

    init(
        level: Logger.Level,
        label: String,
        message: String,
        metadata: Logger.Metadata,
        file: String = "",
        function: String = "",
        line: UInt = 0
    ) {
        self.level = level
        self.label = label
        self.message = message
        self.entries = Self.entries(from: metadata)
        self.file = file
        self.function = function
        self.line = line
    }

    /// True when a key looks like it carries a secret; such values are never printed, at any depth.
    static func isSecret(key: String) -> Bool {
        let lowered = key.lowercased()
        return lowered.contains("secret") || lowered.contains("password") || lowered.contains("token")
    }

    private static func entries(from metadata: Logger.Metadata) -> [Entry] {
        var journal: [Entry] = []
        var others: [Entry] = []
        for (key, value) in metadata {
            let text = isSecret(key: key) ? redacted : render(value)
            if let field = JournalField(metadataKey: key) {
                journal.append(Entry(key: field.rawValue, value: text, journalField: field))
            } else {
                others.append(Entry(key: key, value: text, journalField: nil))
            }
        }
        let fieldOrder = JournalField.allCases
        journal.sort { lhs, rhs in
            let left = fieldOrder.firstIndex(of: lhs.journalField ?? .docID) ?? 0
            let right = fieldOrder.firstIndex(of: rhs.journalField ?? .docID) ?? 0
            // Two keys can name one field (`doc_id` and `DOC_ID`); the value then decides, to stay deterministic.
            return left != right ? left < right : lhs.value < rhs.value
        }
        others.sort { $0.key < $1.key }
        return journal + others
    }

    private static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text):
            return text
        case .stringConvertible(let convertible):
            return convertible.description
        case .array(let values):
            return "[" + values.map(render).joined(separator: ", ") + "]"
        case .dictionary(let dictionary):
            let pairs = dictionary.sorted { $0.key < $1.key }.map { key, nested in
                "\(key): " + (isSecret(key: key) ? redacted : render(nested))
            }
            return "[" + pairs.joined(separator: ", ") + "]"
        }
    }
}
