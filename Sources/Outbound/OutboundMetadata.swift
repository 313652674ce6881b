import Config
import EdXML
import Foundation
import StateStore

/// Step 4 of the outbound pipeline: the edXML MessageHeader of a document dropped in the outbox.
///
/// Sources, by precedence (product.md): the sidecar and filename pattern come with issue 4; for now the header is
/// built from the recipient folder and the agency's per-folder defaults. The subject is the file name without its
/// extension, and the number (số) is lienthong's own document id until clerks can supply one.
struct OutboundMetadata {
    let agency: AgencyConfig
    let document: DocumentRecord
    let date: Date

    var codeNumber: String { String(document.id ?? 0) }
    var codeNotationSuffix: String { agency.defaults.codeNotation ?? "VT" }
    /// `number/notation`, as printed on the document.
    var codeNotation: String { "\(codeNumber)/\(codeNotationSuffix)" }

    var subject: String {
        let name = document.fileName
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// `yyyy/MM/dd` in Vietnam time, as the axis expects.
    var promulgationDate: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d/%02d/%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// The header; fails when the agency code or `code_notation` cannot form a DocumentId (a comma in them).
    func makeHeader() throws(EdXMLError) -> DocumentHeader {
        let defaults = agency.defaults
        let from = Organization(
            organId: agency.code, organizationInCharge: agency.organizationInCharge ?? agency.name,
            organName: agency.name, organAdd: agency.address, email: agency.email, telephone: agency.telephone,
            fax: agency.fax, website: agency.website)
        let documentId = try DocumentIdentifier(
            organId: agency.code, promulgationDate: promulgationDate, codeNumber: codeNumber,
            codeNotation: codeNotationSuffix
        ).rawValue
        return DocumentHeader(
            from: from,
            to: document.recipients.map { Organization(organId: $0) },
            documentId: documentId,
            code: .init(codeNumber: codeNumber, codeNotation: codeNotationSuffix),
            promulgationInfo: .init(place: defaults.place, promulgationDate: promulgationDate),
            documentType: .init(
                type: String(defaults.documentType), typeDetail: String(defaults.typeDetail),
                typeName: defaults.typeName),
            subject: subject,
            content: subject,
            signerInfo: .init(
                competence: defaults.signerCompetence, position: defaults.signerPosition,
                fullName: defaults.signerFullName),
            otherInfo: .init(
                priority: String(defaults.priority), sphereOfPromulgation: defaults.sphereOfPromulgation,
                promulgationAmount: "1", pageAmount: "1"),
            steeringType: String(defaults.steeringType))
    }
}
