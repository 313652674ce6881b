import Foundation
import Yams

extension ConfigDecoder {
    func decodeAgencies(_ root: MappingReader) -> [AgencyConfig] {
        guard let node = root.node("agencies") else {
            root.reportMissing("agencies", "list at least one agency with its code and folders.root")
            return []
        }
        guard case .sequence(let sequence) = node else {
            root.report("agencies", "expected a list of agencies ('- code: …' items), found \(node.kindDescription)")
            return []
        }
        guard sequence.count <= MappingReader.maximumListLength else {
            root.report(
                "agencies", "lists \(sequence.count) agencies; at most \(MappingReader.maximumListLength) are accepted")
            return []
        }
        guard !sequence.isEmpty else {
            root.report("agencies", "the list is empty; list at least one agency with its code and folders.root")
            return []
        }
        var agencies: [DecodedAgency] = []
        for (index, item) in sequence.enumerated() {
            let path = "agencies[\(index)]"
            guard case .mapping(let mapping) = item else {
                diagnostics.report(
                    path, line: item.mark?.line,
                    "expected a mapping with code, name and folders, found \(item.kindDescription)")
                continue
            }
            let reader = MappingReader(mapping: mapping, path: path, line: item.mark?.line, diagnostics: diagnostics)
            if let agency = decodeAgency(reader) {
                agencies.append(agency)
            }
        }
        checkUniqueCodes(agencies)
        checkFoldersDoNotOverlap(agencies)
        return agencies.map(\.agency)
    }

    /// An agency with the lines its cross-agency checks point at.
    private struct DecodedAgency {
        var agency: AgencyConfig
        var codeLine: Int?
        /// Line of each folder key (`outbox`, `sent`, …), or of `root` for folders left at their default.
        var folderLines: [String: Int]
    }

    private func decodeAgency(_ agency: MappingReader) -> DecodedAgency? {
        let code = agency.requiredString("code", hint: "set the agency's code on the axis, e.g. 000.00.00.H41")
        if let code, let problem = CodeRules.problem(with: code) {
            agency.report("code", problem)
        }
        let name = agency.string("name")
        if let name, name.count > 200 {
            agency.report("name", "is \(name.count) characters long; the axis accepts at most 200")
        }
        let organizationInCharge = agency.string("organization_in_charge")
        let address = agency.string("address")
        let email = agency.string("email")
        let telephone = agency.string("telephone")
        let fax = agency.string("fax")
        let website = agency.string("website")
        let decodedFolders = decodeFolders(agency)
        let watch = agency.mapping("watch").map(decodeWatch) ?? WatchSettings()
        let defaults = agency.mapping("defaults").map { decodeDefaults($0) } ?? DocumentDefaults()
        let filenamePattern = decodeFilenamePattern(agency)
        let routes = decodeRoutes(agency)
        let outboxFolders = decodeOutboxFolders(agency, routes: routes)
        let inboundPolicy = decodeInboundPolicy(agency)
        let visibleSignature = agency.mapping("visible_signature").map(decodeVisibleSignature)
        let secretFolders = decodeSecretFolders(agency)
        agency.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)

        guard let code, let (folders, folderLines) = decodedFolders else { return nil }
        let config = AgencyConfig(
            code: code, name: name ?? code, organizationInCharge: organizationInCharge, address: address,
            email: email, telephone: telephone, fax: fax, website: website, folders: folders, watch: watch,
            defaults: defaults, filenamePattern: filenamePattern, routes: routes, outboxFolders: outboxFolders,
            inboundPolicy: inboundPolicy, visibleSignature: visibleSignature ?? VisibleSignatureSettings(),
            secretFolders: secretFolders)
        return DecodedAgency(agency: config, codeLine: agency.lineOf("code"), folderLines: folderLines)
    }

    private func decodeFolders(_ agency: MappingReader) -> (AgencyFolders, [String: Int])? {
        guard agency.node("folders") != nil else {
            agency.reportMissing("folders", "set folders.root, e.g. /srv/lienthong/h41")
            return nil
        }
        guard let folders = agency.mapping("folders") else { return nil }
        if folders.node("root") == nil {
            folders.reportMissing("root", "set the agency's shared folder, e.g. /srv/lienthong/h41")
        }
        let root = folders.path("root")
        let outbox = folders.path("outbox")
        let sent = folders.path("sent")
        let failed = folders.path("failed")
        let inbox = folders.path("inbox")
        let quarantine = folders.path("quarantine")
        folders.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        guard let root else { return nil }
        let result = AgencyFolders(
            root: root, outbox: outbox, sent: sent, failed: failed, inbox: inbox, quarantine: quarantine)
        if result.outbox == root {
            folders.report("outbox", "must not be the root folder itself, or sent/, failed/ and inbox/ would be sent")
        }
        var lines: [String: Int] = [:]
        for key in ["outbox", "sent", "failed", "inbox", "quarantine"] {
            lines[key] = folders.node(key) == nil ? folders.lineOf("root") : folders.lineOf(key)
        }
        return (result, lines)
    }

    private func decodeVisibleSignature(_ reader: MappingReader) -> VisibleSignatureSettings {
        let folders = reader.stringList("folders") { name in
            if name == VisibleSignatureSettings.everyFolder { return nil }
            if name.isEmpty || name.contains("/") || name == "." || name == ".." {
                return "'\(name)' is not a folder name below outbox/; name the first-level folder (a recipient code "
                    + "or a route, e.g. so-noi-vu), or \"*\" for every folder"
            }
            return nil
        }
        let font = reader.path("font") ?? VisibleSignatureSettings.defaultFont
        reader.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        return VisibleSignatureSettings(folders: folders.map { $0.precomposedStringWithCanonicalMapping }, font: font)
    }

    /// `secret_folders`: absent keeps ``AgencyConfig/defaultSecretFolders``; `[]` turns the folder rule off (the
    /// metadata file's `do_mat` still applies).
    private func decodeSecretFolders(_ agency: MappingReader) -> [String] {
        guard agency.node("secret_folders") != nil else { return AgencyConfig.defaultSecretFolders }
        let folders = agency.stringList("secret_folders") { name in
            if name.isEmpty || name.contains("/") || name == "." || name == ".." || name == "*" {
                return "'\(name)' is not a folder name below outbox/; name the first-level folder that holds secret "
                    + "documents, e.g. MAT (thư mục văn bản mật)"
            }
            return nil
        }
        return folders.map { $0.precomposedStringWithCanonicalMapping }
    }

    private func decodeWatch(_ watch: MappingReader) -> WatchSettings {
        let settings = WatchSettings(
            mode: watch.choice("mode", default: "auto", allowed: WatchSettings.modes),
            settleTime: watch.duration("settle_time", default: .seconds(3)),
            pollInterval: watch.duration("poll_interval", default: .seconds(10)),
            reconciliationInterval: watch.duration("reconciliation_interval", default: .seconds(600)),
            include: watch.stringList("include", validate: Self.patternProblem),
            exclude: watch.stringList("exclude", validate: Self.patternProblem))
        watch.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        return settings
    }

    private static func patternProblem(_ pattern: String) -> String? {
        pattern.contains("/") ? "'\(pattern)' contains '/'; patterns match file names only, e.g. *.pdf" : nil
    }

    /// `defaults` of an agency, or of an outbox folder, which refuses `recipients` with `recipientsRefusal`.
    func decodeDefaults(_ defaults: MappingReader, recipientsRefusal: String? = nil) -> DocumentDefaults {
        var recipients: [String] = []
        if let recipientsRefusal, defaults.node("recipients") != nil {
            diagnostics.report(defaults.keyPath("recipients"), line: defaults.lineOf("recipients"), recipientsRefusal)
        } else {
            recipients = defaults.stringList("recipients") { CodeRules.problem(with: $0, what: "recipient code") }
        }
        let codeNotation = defaults.string("code_notation")
        if let codeNotation, codeNotation.count > 30 {
            defaults.report("code_notation", "is \(codeNotation.count) characters long; the axis accepts at most 30")
        }
        let documentType = defaults.int("document_type", default: 1, range: 1...2, meaning: "edXML DocumentType/Type")
        let typeDetail = defaults.int("type_detail", default: 0, range: 0...9999)
        let typeName = defaults.string("type_name") ?? "Công văn"
        let place = defaults.string("place")
        let signer = defaults.mapping("signer")
        let competence = signer?.string("competence")
        let position = signer?.string("position")
        let fullName = signer?.string("full_name")
        signer?.reportUnknownKeys(secretAdvice: Self.signingSecretAdvice)
        let priority = defaults.int(
            "priority", default: 0, range: 0...4,
            meaning: "0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ")
        let steeringType = defaults.int(
            "steering_type", default: 0, range: 0...2, meaning: "0 none, 1 steering, 2 steering and report")
        let sphere = defaults.string("sphere_of_promulgation")
        defaults.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)
        return DocumentDefaults(
            recipients: recipients, codeNotation: codeNotation, documentType: documentType, typeDetail: typeDetail,
            typeName: typeName, place: place, signerCompetence: competence, signerPosition: position,
            signerFullName: fullName, priority: priority, steeringType: steeringType, sphereOfPromulgation: sphere)
    }

    private func checkUniqueCodes(_ agencies: [DecodedAgency]) {
        for (index, entry) in agencies.enumerated() {
            guard
                let first = agencies[..<index].firstIndex(where: {
                    $0.agency.code.caseInsensitiveCompare(entry.agency.code) == .orderedSame
                })
            else { continue }
            let firstLine = agencies[first].codeLine.map { " (line \($0))" } ?? ""
            diagnostics.report(
                "agencies[\(index)].code", line: entry.codeLine,
                "'\(entry.agency.code)' is already used by agencies[\(first)]\(firstLine); "
                    + "each agency needs its own code")
        }
    }

    /// Two agencies sharing a folder, or any folder inside an outbox, would send documents twice or send receipts.
    private func checkFoldersDoNotOverlap(_ agencies: [DecodedAgency]) {
        var seen: [(path: String, owner: String, line: Int?)] = []
        for (index, decoded) in agencies.enumerated() {
            let agency = decoded.agency
            let folders = agency.folders
            let named = [
                ("outbox", folders.outbox), ("sent", folders.sent), ("failed", folders.failed),
                ("inbox", folders.inbox), ("quarantine", folders.quarantine),
            ]
            for (name, path) in named {
                let owner = "agencies[\(index)].folders.\(name)"
                let line = decoded.folderLines[name]
                if let clash = seen.first(where: { $0.path == path }) {
                    diagnostics.report(
                        owner, line: line, "'\(path)' is also \(clash.owner); every folder must be distinct")
                }
                seen.append((path, owner, line))
            }
        }
        var reported: Set<String> = []
        for (index, decoded) in agencies.enumerated() {
            let outbox = decoded.agency.folders.outbox
            for other in seen
            where other.path != outbox && PathRules.isSameOrInside(other.path, outbox)
                && reported.insert(other.owner).inserted
            {
                diagnostics.report(
                    other.owner, line: other.line,
                    "'\(other.path)' is inside agencies[\(index)].folders.outbox; files there would be sent")
            }
        }
    }
}
