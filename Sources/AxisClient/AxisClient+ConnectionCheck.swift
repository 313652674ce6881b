extension AxisClient {
    /// Calls `countReceiveEdoc` and `countReceiveStatus` for our system id and says, in plain words, whether the
    /// axis is reachable and accepts our credentials. Never throws: every failure is a verdict.
    public func checkConnection() async -> AxisConnectionCheck {
        do throws(AxisError) {
            let documents = try await countReceiveEdoc()
            let statuses = try await countReceiveStatus()
            return .ok(documentsWaiting: documents, statusesWaiting: statuses)
        } catch {
            return AxisConnectionCheck(error)
        }
    }
}
