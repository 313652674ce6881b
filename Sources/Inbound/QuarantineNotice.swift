import SystemSupport

/// `quarantine/<DocId>/reason.txt`: why a received document was put aside, for the clerk who finds it. The
/// Vietnamese paragraph comes first and is Vietnamese only; the English paragraph follows; neither names a path of
/// the server (``ServerPaths``). The whole reason, paths included, is in the journal and in `lienthong show`.
///
/// Reasons are written either bilingual, as the rest of lienthong writes them for clerks (a Vietnamese line, then an
/// English line, each possibly followed by indented detail lines: ``SignaturePolicy/quarantineReason``,
/// ``InboundPipeline/unreadableReason(fetches:detail:)``), or in English only (a parser's or a limit's technical
/// message). An English-only reason gets a Vietnamese paragraph of its own that says where the explanation is.
struct QuarantineNotice {
    let reason: String

    var text: String {
        let (vietnamese, english) = Self.split(reason)
        let vietnameseLines =
            vietnamese.map { [$0] }
            ?? ["Văn bản không đạt kiểm tra an toàn (chi tiết kỹ thuật bằng tiếng Anh ở phần dưới)."]
        return
            (["Văn bản đến bị cách ly vì không đạt kiểm tra. Không mở tệp này nếu không chắc chắn."]
            + vietnameseLines
            + ["", "A received document was quarantined because it failed checks. Do not open it unless you are sure."]
            + [ServerPaths.redacted(english, placeholder: ServerPaths.clerkPlaceholder), ""])
            .joined(separator: "\n")
    }

    /// The Vietnamese part (nil when the reason is English only) and the English part of `reason`: two top-level
    /// lines (with their indented detail lines) are Vietnamese then English; anything else is English.
    static func split(_ reason: String) -> (vietnamese: String?, english: String) {
        let lines = reason.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let topLevel = lines.indices.filter { !lines[$0].hasPrefix(" ") && !lines[$0].isEmpty }
        guard topLevel.count == 2, topLevel[0] == 0 else { return (nil, reason) }
        let vietnamese = lines[..<topLevel[1]].joined(separator: "\n")
        let english = lines[topLevel[1]...].joined(separator: "\n")
        return (ServerPaths.redacted(vietnamese, placeholder: ServerPaths.clerkPlaceholder), english)
    }
}
