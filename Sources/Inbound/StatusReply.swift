import Config
import EdXML
import Foundation
import StateStore

/// A status message this agency sends about a document it received (axis-protocol.md section 6): status 01 by
/// the daemon itself, 02..06, 15 and 16 when a clerk answers. It names the document it answers by the sender's
/// DocumentId and number/notation.
struct StatusReply {
    let agency: AgencyConfig
    let document: DocumentRecord
    let code: String
    let description: String
    let now: Date

    var header: StatusHeader {
        StatusHeader(
            from: Organization(
                organId: agency.code, organizationInCharge: agency.organizationInCharge ?? agency.name,
                organName: agency.name, organAdd: agency.address, email: agency.email, telephone: agency.telephone,
                fax: agency.fax, website: agency.website),
            responseFor: ResponseFor(
                organId: document.counterpart, code: document.codeNotation,
                promulgationDate: Self.promulgationDate(of: document.edxmlDocumentId),
                documentId: document.edxmlDocumentId),
            staffInfo: StaffInfo(department: "Văn thư", staff: "lienthong"),
            statusCode: code,
            description: description,
            timestamp: VietnamTime.wire(now))
    }

    /// The `Description` of a clerk's answer: the status's name, then the reason when there is one
    /// (`Từ chối tiếp nhận: sai thẩm quyền`).
    static func description(of code: AnswerCode, reason: String?) -> String {
        guard let reason, !reason.isEmpty else { return code.vietnamese }
        return "\(code.vietnamese): \(reason)"
    }

    /// The date part of an `OrganId,yyyy/MM/dd,Number/Notation` DocumentId; nil for opaque ids.
    static func promulgationDate(of documentId: String?) -> String? {
        guard let documentId, let parsed = try? DocumentIdentifier(parsing: documentId) else { return nil }
        return parsed.promulgationDate
    }

}
