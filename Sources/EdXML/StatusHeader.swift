/// The MessageHeader of a status message (axis-protocol.md section 6).
public struct StatusHeader: Sendable, Codable, Equatable, Hashable {
    public var from: Organization
    public var responseFor: ResponseFor
    public var staffInfo: StaffInfo?
    /// Two digits: 01 arrived, 02 rejected, 03 accepted, 04 assigned, 05 processing, 06 completed,
    /// 13 revoke requested, 15 update/revoke agreed, 16 update/revoke refused.
    public var statusCode: String
    public var description: String?
    /// As on the wire, normally `yyyy/MM/dd HH:mm:ss`.
    public var timestamp: String?

    public init(
        from: Organization,
        responseFor: ResponseFor,
        staffInfo: StaffInfo? = nil,
        statusCode: String,
        description: String? = nil,
        timestamp: String? = nil
    ) {
        self.from = from
        self.responseFor = responseFor
        self.staffInfo = staffInfo
        self.statusCode = statusCode
        self.description = description
        self.timestamp = timestamp
    }
}
