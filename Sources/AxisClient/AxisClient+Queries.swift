import AxisProtocol

extension AxisClient {
    /// Everything waiting for us: documents (`.edoc`) or status messages (`.status`). Items stay listed until
    /// acknowledged with ``updateStatus(docId:status:description:)``.
    public func getReceivedEdocList(messageType: AxisMessageType) async throws(AxisError) -> [ReceivedEdocItem] {
        try await list(
            .getReceivedEdocList,
            parameters: [("servicetype", "eDoc"), ("messagetype", messageType.rawValue)], body: Array("{}".utf8))
    }

    /// Where a document we sent stands on the axis; after an ambiguous sendEdoc, the way to learn whether it arrived.
    public func getSentEdocList(messageType: AxisMessageType, docId: String) async throws(AxisError) -> [SentEdocItem] {
        try await list(
            .getSentEdocList,
            parameters: [("servicetype", "eDoc"), ("messagetype", messageType.rawValue), ("docId", docId)])
    }

    /// Every agency known to the axis.
    public func getAgenciesList() async throws(AxisError) -> [AgencyItem] {
        try await list(.getAgenciesList, parameters: [], body: Array("{}".utf8))
    }

    /// Acknowledges a received item. `description` must be ASCII (no diacritics), like every header value.
    public func updateStatus(docId: String, status: AxisTransportStatus, description: String? = nil)
        async throws(AxisError)
    {
        var parameters: [(name: String, value: String)] = [("docId", docId), ("status", status.rawValue)]
        if let description { parameters.append(("description", description)) }
        let method = AxisMethod.updateStatus
        try await offload { [parameters] cancellation in
            self.jsonCall(method, parameters: parameters, cancellation: cancellation).flatMap { body in
                do throws(AxisReplyError) {
                    let reply = try AxisReply.parse(body)
                    guard reply.isOK else { throw .fail(reply) }
                    return .success(())
                } catch {
                    return .failure(Self.replyError(error, method: method, bodyFullySent: true))
                }
            }
        }
    }

    /// Number of documents waiting for us.
    public func countReceiveEdoc() async throws(AxisError) -> Int { try await count(.countReceiveEdoc) }

    /// Number of status messages waiting for us.
    public func countReceiveStatus() async throws(AxisError) -> Int { try await count(.countReceiveStatus) }

    private func count(_ method: AxisMethod) async throws(AxisError) -> Int {
        try await offload { cancellation in
            self.jsonCall(method, parameters: [], cancellation: cancellation).flatMap { body in
                do throws(AxisReplyError) {
                    return .success(try CountReply.parse(body).count)
                } catch {
                    return .failure(Self.replyError(error, method: method, bodyFullySent: true))
                }
            }
        }
    }

    private func list<Item: AxisListItem>(
        _ method: AxisMethod, parameters: [(name: String, value: String)], body: [UInt8] = []
    ) async throws(AxisError) -> [Item] {
        try await offload { cancellation in
            self.jsonCall(method, parameters: parameters, body: body, cancellation: cancellation).flatMap { body in
                do throws(AxisReplyError) {
                    return .success(try Item.parseList(body))
                } catch {
                    return .failure(Self.replyError(error, method: method, bodyFullySent: true))
                }
            }
        }
    }
}
