import AxisProtocol

extension AxisService {
    /// `getSentEdocList`: one entry per recipient of each document the caller's agencies sent.
    func getSentEdocList(_ call: AxisCall) throws(AxisRejection) -> HTTPResponse {
        let agencies = try call.callerAgencies()
        let messageType = try call.messageType()
        let docId = call.parameter("docId").flatMap { $0.isEmpty ? nil : $0 }
        let rows = try storage("listing sent documents") {
            try store.sent(by: agencies, messageType: messageType?.rawValue, docId: docId)
        }
        let items = rows.map { document, delivery in
            let acknowledged = delivery.status == .done || delivery.status == .fail
            return SentEdocItem(
                senderDocId: document.docId, receiverDocId: document.docId, fromCode: document.sender,
                toCode: delivery.recipient, title: document.title, notation: document.notation,
                sentTime: reportedTime(document.createdAt),
                receivedTime: acknowledged ? reportedTime(delivery.updatedAt) : "",
                sendStatus: "sent", sendStatusDescription: "Da gui len truc",
                receiveStatus: delivery.status.rawValue, receiveStatusDescription: delivery.statusDescription)
        }
        return .json(SentEdocItem.listJSONBytes(items))
    }

    /// `getAgenciesList`: the configured agencies, numbered in configuration order.
    func getAgenciesList() -> HTTPResponse {
        let items = configuration.agencies.enumerated().map { index, agency in
            AgencyItem(
                id: String(index + 1), pid: "0", code: agency.code, name: agency.name, mail: agency.email,
                oldCode: agency.oldCode)
        }
        return .json(AgencyItem.listJSONBytes(items))
    }
}
