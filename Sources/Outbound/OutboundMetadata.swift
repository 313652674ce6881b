import Config
import EdXML
import Foundation
import StateStore

/// Step 4 of the outbound pipeline: the edXML MessageHeader of a document dropped in the outbox.
///
/// Each value comes from the first source that gives it (product.md): the metadata file `x.pdf.meta.yaml`, the
/// filename pattern (the folder's `outbox_folders.<name>.filename_pattern`, else the agency's), the recipient folder
/// (`outbox/<code>/`, `outbox/<route>/`, `outbox/<a>+<b>/`), the folder's `defaults`, then the agency's. The folder
/// is the first one below `outbox/`: files and document folders directly in `outbox/` use the agency's values. The
/// number (số) has no default: a document without one is incomplete. The notation falls back to
/// `defaults.code_notation`, the date to the day the file was found (Vietnam time), the subject to the file name
/// without its extension, the content to the subject. The result is checked with ``EdXMLValidator``.
struct OutboundMetadata {
    let agency: AgencyConfig
    let fileName: String
    /// Path below `outbox/`, file name last; the first folder names the recipients.
    let relativeComponents: [String]
    let sidecar: SidecarReading
    /// When the file was found: its day is the default date of issue.
    let foundAt: Date
    /// "Now" for the not-in-the-future rule.
    let now: Date
    /// Recipients recorded when the file was found, used when no source gives any (a record without source path).
    var recordedRecipients: [String] = []
    /// For a document folder (``fileName`` is the folder's name): its files in sending order; nil for one file.
    var documentFolderFiles: [String]? = nil

    init(
        agency: AgencyConfig, fileName: String, relativeComponents: [String], sidecar: SidecarReading,
        foundAt: Date, now: Date = Date()
    ) {
        self.agency = agency
        self.fileName = fileName
        self.relativeComponents = relativeComponents.isEmpty ? [fileName] : relativeComponents
        self.sidecar = sidecar
        self.foundAt = foundAt
        self.now = now
    }

    /// For a recorded document: its place in the outbox comes from its source path.
    init(agency: AgencyConfig, document: DocumentRecord, sidecar: SidecarReading, now: Date = Date()) {
        self.init(
            agency: agency, fileName: document.fileName,
            relativeComponents: Self.relativeComponents(of: document, outbox: agency.folders.outbox),
            sidecar: sidecar, foundAt: document.createdAt, now: now)
        recordedRecipients = document.recipients
    }

    /// The path of the document below the outbox, or just its name when it was not found there.
    static func relativeComponents(of document: DocumentRecord, outbox: String) -> [String] {
        guard let source = document.sourcePath, source.hasPrefix(outbox + "/") else { return [document.fileName] }
        let components = source.dropFirst(outbox.count + 1).split(separator: "/").map(String.init)
        return components.isEmpty ? [document.fileName] : components
    }

    /// Resolves every value and checks the header; never throws, so that all problems are reported together.
    func resolve() -> MetadataResolution {
        let given = sidecar.sidecar ?? DocumentSidecar()
        let pattern = filenamePattern
        let fromName = pattern?.match(fileName: fileName)
        let defaults = agency.defaults(relativeComponents: relativeComponents)
        var problems: [HeaderProblem] = []

        let recipients = resolveRecipients(given, problems: &problems)
        var known = given
        known.recipients = given.recipients.isEmpty ? recipients : given.recipients
        known.number = given.number ?? fromName?.number
        known.notation = given.notation ?? fromName?.notation ?? defaults.codeNotation
        known.date = given.date ?? fromName?.date ?? EdXMLValidator.wireDate(of: foundAt)
        known.subject =
            given.subject ?? fromName?.subject ?? (documentFolderFiles == nil ? Self.stem(of: fileName) : fileName)
        known.typeName = given.typeName ?? defaults.typeName
        known.documentType = given.documentType ?? defaults.documentType
        known.typeDetail = given.typeDetail ?? defaults.typeDetail
        known.signerName = given.signerName ?? defaults.signerFullName
        known.signerPosition = given.signerPosition ?? defaults.signerPosition
        known.signerCompetence = given.signerCompetence ?? defaults.signerCompetence
        known.place = given.place ?? defaults.place
        known.priority = given.priority ?? defaults.priority
        known.steeringType = given.steeringType ?? defaults.steeringType

        var header = DocumentHeader(
            from: Organization(
                organId: agency.code, organizationInCharge: agency.organizationInCharge ?? agency.name,
                organName: agency.name, organAdd: agency.address, email: agency.email, telephone: agency.telephone,
                fax: agency.fax, website: agency.website),
            to: recipients.map { Organization(organId: $0) },
            code: .init(codeNumber: known.number, codeNotation: known.notation),
            promulgationInfo: .init(place: known.place, promulgationDate: known.date),
            documentType: .init(
                type: known.documentType.map(String.init), typeDetail: known.typeDetail.map(String.init),
                typeName: known.typeName),
            subject: known.subject,
            content: given.content ?? known.subject,
            signerInfo: .init(
                competence: known.signerCompetence, position: known.signerPosition, fullName: known.signerName),
            dueDate: given.dueDate,
            otherInfo: .init(
                priority: known.priority.map(String.init), sphereOfPromulgation: defaults.sphereOfPromulgation,
                promulgationAmount: String(given.promulgationAmount ?? 1), pageAmount: String(given.pageAmount ?? 1)),
            steeringType: known.steeringType.map(String.init))
        problems += EdXMLValidator(now: now).problems(in: header, attachmentNames: documentFolderFiles ?? [fileName])
        if problems.isEmpty, sidecar.problems.isEmpty, let number = known.number, let notation = known.notation,
            let date = known.date
        {
            header.documentId =
                try? DocumentIdentifier(
                    organId: agency.code, promulgationDate: date, codeNumber: number, codeNotation: notation
                ).rawValue
        }
        return MetadataResolution(
            header: header, recipients: recipients, problems: Self.unique(problems), sidecarProblems: sidecar.problems,
            known: known, filenamePattern: pattern)
    }

    /// The pattern the file's name is read with: its outbox folder's, else the agency's; none for a document folder,
    /// whose name is not a file name.
    var filenamePattern: FilenamePattern? {
        documentFolderFiles == nil ? agency.filenamePattern(relativeComponents: relativeComponents) : nil
    }

    /// Sidecar recipients (codes or route names) win over the folder, which wins over `defaults.recipients`.
    private func resolveRecipients(_ given: DocumentSidecar, problems: inout [HeaderProblem]) -> [String] {
        if !given.recipients.isEmpty {
            let unknown = RecipientRouting.unknownNames(given.recipients, routes: agency.routes)
            guard unknown.isEmpty, let codes = RecipientRouting.expand(given.recipients, routes: agency.routes) else {
                let names = unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                problems.append(
                    HeaderProblem(
                        field: .recipients,
                        vietnamese: "\(names) không phải mã định danh hay tuyến gửi đã cấu hình",
                        english: "\(names) is neither an agency code nor a configured route"))
                return []
            }
            return codes
        }
        switch RecipientRouting.recipients(
            relativeComponents: relativeComponents, defaults: agency.defaults.recipients, routes: agency.routes)
        {
        case .recipients(let codes):
            return codes
        case .notACode(let folder):
            problems.append(
                HeaderProblem(
                    field: .recipients,
                    vietnamese: "thư mục \"\(folder)\" không phải mã định danh hay tuyến gửi đã cấu hình",
                    english: "the folder \"\(folder)\" is neither an agency code nor a configured route"))
            return []
        case .noRecipient:
            return recordedRecipients
        }
    }

    /// The file name without its extension.
    static func stem(of name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    private static func unique(_ problems: [HeaderProblem]) -> [HeaderProblem] {
        var seen: [HeaderProblem] = []
        for problem in problems where !seen.contains(problem) { seen.append(problem) }
        return seen
    }
}
