/// One pending document or status message in a `getReceivedEdocList` reply.
public struct ReceivedEdocItem: AxisListItem, Equatable {
    public let docId: String
    public let serviceType: String
    public let messageType: String
    /// As sent by the axis (format not documented).
    public let createdTime: String
    public let updatedTime: String
    public let from: String
    public let to: String
    public let status: String
    public let statusDescription: String

    public init(
        docId: String, serviceType: String = "eDoc", messageType: String = "edoc", createdTime: String = "",
        updatedTime: String = "", from: String = "", to: String = "", status: String = "",
        statusDescription: String = ""
    ) {
        self.docId = docId
        self.serviceType = serviceType
        self.messageType = messageType
        self.createdTime = createdTime
        self.updatedTime = updatedTime
        self.from = from
        self.to = to
        self.status = status
        self.statusDescription = statusDescription
    }

    public init?(replyObject: [String: Any]) {
        let object = ReplyObject(replyObject)
        guard let docId = object.string("docId")?.trimmingASCIIWhitespace(), !docId.isEmpty else { return nil }
        self.init(
            docId: docId,
            serviceType: object.string("serviceType") ?? "",
            messageType: object.string("messageType") ?? "",
            createdTime: object.string("created_time") ?? "",
            updatedTime: object.string("updated_time") ?? "",
            from: object.string("from") ?? "",
            to: object.string("to") ?? "",
            status: object.string("status") ?? "",
            statusDescription: object.string("status_desc", "statusDescription") ?? ""
        )
    }

    public var jsonMembers: [(key: String, value: String)] {
        [
            ("docId", docId), ("serviceType", serviceType), ("messageType", messageType),
            ("created_time", createdTime), ("updated_time", updatedTime), ("from", from), ("to", to),
            ("status", status), ("status_desc", statusDescription),
        ]
    }
}
