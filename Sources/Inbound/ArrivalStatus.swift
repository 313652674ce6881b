import Config
import EdXML
import Foundation
import StateStore

/// Status 01 (Đã đến, arrived): what a receiver sends back once a document is durably in its inbox
/// (axis-protocol.md section 6), before any clerk has handled it.
struct ArrivalStatus {
    let agency: AgencyConfig
    let document: DocumentRecord
    let now: Date

    var header: StatusHeader {
        StatusReply(
            agency: agency, document: document, code: "01",
            description: "Đã đến - Phần mềm đã nhận nhưng văn thư chưa xử lý", now: now
        ).header
    }
}
