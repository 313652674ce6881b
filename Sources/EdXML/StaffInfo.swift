/// `StaffInfo`: the clerk who handled the message.
public struct StaffInfo: Sendable, Codable, Equatable, Hashable {
    public var department: String?
    public var staff: String?
    public var mobile: String?
    public var email: String?

    public init(department: String? = nil, staff: String? = nil, mobile: String? = nil, email: String? = nil) {
        self.department = department
        self.staff = staff
        self.mobile = mobile
        self.email = email
    }
}
