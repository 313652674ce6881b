/// One agency in a `getAgenciesList` reply.
public struct AgencyItem: AxisListItem, Equatable {
    public let id: String
    /// The parent agency's `id`.
    public let pid: String
    /// The agency code (mã định danh), e.g. `000.00.00.H26`.
    public let code: String
    public let name: String
    public let mail: String
    public let oldCode: String

    public init(id: String = "", pid: String = "", code: String, name: String = "", mail: String = "",
        oldCode: String = "")
    {
        self.id = id
        self.pid = pid
        self.code = code
        self.name = name
        self.mail = mail
        self.oldCode = oldCode
    }

    /// nil for an element without `code`.
    public init?(replyObject: [String: Any]) {
        let object = ReplyObject(replyObject)
        guard let code = object.string("code")?.trimmingASCIIWhitespace(), !code.isEmpty else { return nil }
        self.init(
            id: object.string("id") ?? "", pid: object.string("pid") ?? "", code: code,
            name: object.string("name") ?? "", mail: object.string("mail") ?? "",
            oldCode: object.string("oldCode") ?? ""
        )
    }

    public var jsonMembers: [(key: String, value: String)] {
        [("id", id), ("pid", pid), ("code", code), ("name", name), ("mail", mail), ("oldCode", oldCode)]
    }
}
