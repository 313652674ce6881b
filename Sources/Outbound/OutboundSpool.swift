/// Where one outbound document's files live between claim and filing (docs/architecture.md, "Spool layout").
///
/// `spool/out/<id>/` exists from claim until the document is filed in `sent/` or `failed/`; its presence means
/// unfinished work, which is what startup recovery looks for.
struct OutboundSpool: Sendable {
    let root: String

    init(spoolDirectory: String) { root = spoolDirectory + "/out" }

    func directory(of id: Int64) -> String { "\(root)/\(id)" }
    func originalDirectory(of id: Int64) -> String { "\(directory(of: id))/original" }
    func original(of id: Int64, fileName: String) -> String { "\(originalDirectory(of: id))/\(fileName)" }
    func signature(of id: Int64, fileName: String) -> String { "\(directory(of: id))/\(fileName).p7s" }
    /// The PDF with the agency's embedded PAdES signature: what is sent instead of the original.
    func signedPDF(of id: Int64, fileName: String) -> String { "\(directory(of: id))/signed/\(fileName)" }
    func envelope(of id: Int64) -> String { "\(directory(of: id))/envelope.edxml" }
}
