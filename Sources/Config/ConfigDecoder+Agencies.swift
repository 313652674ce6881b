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
        guard !sequence.isEmpty else {
            root.report("agencies", "the list is empty; list at least one agency with its code and folders.root")
            return []
        }
        var agencies: [(agency: AgencyConfig, line: Int?)] = []
        for (index, item) in sequence.enumerated() {
            let path = "agencies[\(index)]"
            guard case .mapping(let mapping) = item else {
                diagnostics.report(
                    path, line: item.mark?.line, "expected a mapping with code, name and folders, found \(item.kindDescription)")
                continue
            }
            let reader = MappingReader(mapping: mapping, path: path, line: item.mark?.line, diagnostics: diagnostics)
            if let agency = decodeAgency(reader) {
                agencies.append((agency, reader.lineOf("code")))
            }
        }
        checkUniqueCodes(agencies)
        checkFoldersDoNotOverlap(agencies)
        return agencies.map(\.agency)
    }

    private func decodeAgency(_ agency: MappingReader) -> AgencyConfig? {
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
        let folders = decodeFolders(agency)
        let watch = agency.mapping("watch").map(decodeWatch) ?? WatchSettings()
        let defaults = agency.mapping("defaults").map(decodeDefaults) ?? DocumentDefaults()
        agency.reportUnknownKeys(secretAdvice: Self.axisSecretAdvice)

        guard let code, let folders else { return nil }
        return AgencyConfig(
            code: code, name: name ?? code, organizationInCharge: organizationInCharge, address: address,
            email: email, telephone: telephone, fax: fax, website: website, folders: folders, watch: watch,
            defaults: defaults)
    }

    private func decodeFolders(_ agency: MappingReader) -> AgencyFolders? {
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
        return result
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

    private func decodeDefaults(_ defaults: MappingReader) -> DocumentDefaults {
        let recipients = defaults.stringList("recipients") { CodeRules.problem(with: $0, what: "recipient code") }
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

    private func checkUniqueCodes(_ agencies: [(agency: AgencyConfig, line: Int?)]) {
        for (index, entry) in agencies.enumerated() {
            guard
                let first = agencies[..<index].firstIndex(where: {
                    $0.agency.code.caseInsensitiveCompare(entry.agency.code) == .orderedSame
                })
            else { continue }
            let firstLine = agencies[first].line.map { " (line \($0))" } ?? ""
            diagnostics.report(
                "agencies[\(index)].code", line: entry.line,
                "'\(entry.agency.code)' is already used by agencies[\(first)]\(firstLine); each agency needs its own code")
        }
    }

    /// Two agencies sharing a folder, or any folder inside an outbox, would send documents twice or send receipts.
    private func checkFoldersDoNotOverlap(_ agencies: [(agency: AgencyConfig, line: Int?)]) {
        var seen: [(path: String, owner: String, line: Int?)] = []
        for (index, (agency, line)) in agencies.enumerated() {
            let folders = agency.folders
            let named = [
                ("outbox", folders.outbox), ("sent", folders.sent), ("failed", folders.failed),
                ("inbox", folders.inbox), ("quarantine", folders.quarantine),
            ]
            for (name, path) in named {
                let owner = "agencies[\(index)].folders.\(name)"
                if let clash = seen.first(where: { $0.path == path }) {
                    diagnostics.report(owner, line: line, "'\(path)' is also \(clash.owner); every folder must be distinct")
                }
                seen.append((path, owner, line))
            }
        }
        for (index, (agency, _)) in agencies.enumerated() {
            let outbox = agency.folders.outbox
            for other in seen where other.path != outbox && PathRules.isSameOrInside(other.path, outbox) {
                diagnostics.report(
                    other.owner, line: other.line,
                    "'\(other.path)' is inside agencies[\(index)].folders.outbox; files there would be sent")
            }
        }
    }
}
