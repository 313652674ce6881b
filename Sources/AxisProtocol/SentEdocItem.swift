/// One entry of a `getSentEdocList` reply: where a sent document stands on the axis.
public struct SentEdocItem: AxisListItem, Equatable {
    public let senderDocId: String
    public let receiverDocId: String
    public let fromCode: String
    public let toCode: String
    public let title: String
    public let notation: String
    public let sentTime: String
    public let receivedTime: String
    public let sendStatus: String
    public let sendStatusDescription: String
    public let receiveStatus: String
    public let receiveStatusDescription: String

    public init(
        senderDocId: String, receiverDocId: String = "", fromCode: String = "", toCode: String = "",
        title: String = "", notation: String = "", sentTime: String = "", receivedTime: String = "",
        sendStatus: String = "", sendStatusDescription: String = "", receiveStatus: String = "",
        receiveStatusDescription: String = ""
    ) {
        self.senderDocId = senderDocId
        self.receiverDocId = receiverDocId
        self.fromCode = fromCode
        self.toCode = toCode
        self.title = title
        self.notation = notation
        self.sentTime = sentTime
        self.receivedTime = receivedTime
        self.sendStatus = sendStatus
        self.sendStatusDescription = sendStatusDescription
        self.receiveStatus = receiveStatus
        self.receiveStatusDescription = receiveStatusDescription
    }

    /// Every field is optional in the wild; an element is kept unless it is entirely empty.
    public init?(replyObject: [String: Any]) {
        let object = ReplyObject(replyObject)
        self.init(
            senderDocId: object.string("senderDocId") ?? "",
            receiverDocId: object.string("receiverDocId") ?? "",
            fromCode: object.string("fromCode") ?? "",
            toCode: object.string("toCode") ?? "",
            title: object.string("title") ?? "",
            notation: object.string("notation") ?? "",
            sentTime: object.string("sentTime") ?? "",
            receivedTime: object.string("receivedTime") ?? "",
            sendStatus: object.string("sendStatus") ?? "",
            sendStatusDescription: object.string("sendStatusDesc") ?? "",
            receiveStatus: object.string("receiveStatus") ?? "",
            receiveStatusDescription: object.string("receiveStatusDesc") ?? ""
        )
        if jsonMembers.allSatisfy({ $0.value.isEmpty }) { return nil }
    }

    public var jsonMembers: [(key: String, value: String)] {
        [
            ("senderDocId", senderDocId), ("receiverDocId", receiverDocId), ("fromCode", fromCode),
            ("toCode", toCode), ("title", title), ("notation", notation), ("sentTime", sentTime),
            ("receivedTime", receivedTime), ("sendStatus", sendStatus), ("sendStatusDesc", sendStatusDescription),
            ("receiveStatus", receiveStatus), ("receiveStatusDesc", receiveStatusDescription),
        ]
    }
}
