import Foundation

extension ConfigDecoder {
    /// `agencies[].outbox_folders`: `{so-noi-vu: {filename_pattern: …, defaults: {signer: …}}}`. The pattern and
    /// the defaults are read by the agency's own decoders, so they accept and refuse exactly what the agency's do.
    func decodeOutboxFolders(_ agency: MappingReader, routes: [String: [String]]) -> [String: OutboxFolderSettings] {
        guard let folders = agency.mapping("outbox_folders") else { return [:] }
        var result: [String: OutboxFolderSettings] = [:]
        var firstLines: [String: Int?] = [:]
        for name in folders.presentKeys {
            let normalized = name.precomposedStringWithCanonicalMapping
            let keyPath = folders.keyPath(name)
            let line = folders.lineOf(name)
            guard folders.node(name) != nil else {
                diagnostics.report(
                    keyPath, line: line, "sets nothing; give filename_pattern or defaults, or remove the folder")
                continue
            }
            if let problem = Self.outboxFolderNameProblem(normalized, routes: routes) {
                diagnostics.report(keyPath, line: line, problem)
            }
            if let first = firstLines[normalized] {
                let at = first.map { " (line \($0))" } ?? ""
                diagnostics.report(
                    keyPath, line: line,
                    "'\(name)' is already configured above\(at) (names are compared in Unicode NFC); keep one entry")
            }
            firstLines[normalized] = line
            guard let reader = folders.mapping(name) else { continue }
            let pattern = decodeFilenamePattern(reader)
            let defaults = reader.mapping("defaults").map { decodeDefaultsOverrides($0, folder: normalized) }
            reader.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
            result[normalized] = OutboxFolderSettings(
                filenamePattern: pattern, defaults: defaults ?? DocumentDefaultsOverrides())
        }
        return result
    }

    /// A folder's name must be one clerks can create in `outbox/` and one whose files can be sent: each part joined
    /// by `+` is a route of the agency or a recipient code.
    static func outboxFolderNameProblem(_ name: String, routes: [String: [String]]) -> String? {
        if name.isEmpty || name.contains("/") || name.hasPrefix(".") || name.utf8.count > 255 {
            return "'\(name)' is not a folder name below outbox/; write the first-level folder exactly as it is "
                + "named: a recipient code, a route, or several joined with '+' (e.g. so-noi-vu, 000.00.00.H26 or "
                + "so-noi-vu+000.00.00.H26), without '/' and not starting with '.'"
        }
        let unknown = name.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
            .filter { routes[$0.precomposedStringWithCanonicalMapping] == nil && !AgencyCodeShape.isPlausible($0) }
        guard unknown.isEmpty else {
            let names = unknown.map { "'\($0)'" }.joined(separator: ", ")
            return "\(names) is neither a route of this agency (routes:) nor a recipient code, so no file in "
                + "outbox/\(name)/ could be sent; name the folder after a code or a route, or add the route"
        }
        return nil
    }

    /// The keys written in a folder's `defaults`, decoded by the agency's `defaults` decoder.
    private func decodeDefaultsOverrides(_ reader: MappingReader, folder: String) -> DocumentDefaultsOverrides {
        let refusal =
            "cannot be set for one outbox folder: the folder itself names the recipients (files in "
            + "outbox/\(folder)/ go to what '\(folder)' names); remove this key, or put the files in another folder"
        let decoded = decodeDefaults(reader, recipientsRefusal: refusal)
        func given(_ key: String) -> Bool { reader.node(key) != nil }
        let signer = DocumentDefaultsOverrides.Signer(
            competence: decoded.signerCompetence, position: decoded.signerPosition, fullName: decoded.signerFullName)
        return DocumentDefaultsOverrides(
            codeNotation: decoded.codeNotation,
            documentType: given("document_type") ? decoded.documentType : nil,
            typeDetail: given("type_detail") ? decoded.typeDetail : nil,
            typeName: given("type_name") ? decoded.typeName : nil,
            place: decoded.place,
            signer: given("signer") ? signer : nil,
            priority: given("priority") ? decoded.priority : nil,
            steeringType: given("steering_type") ? decoded.steeringType : nil,
            sphereOfPromulgation: decoded.sphereOfPromulgation)
    }
}
