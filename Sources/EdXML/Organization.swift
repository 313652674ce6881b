/// An agency as it appears in `From` and `To` of a MessageHeader. Fields absent on the wire are nil;
/// present but empty ones are "".
public struct Organization: Sendable, Codable, Equatable, Hashable {
    /// The agency code (mã định danh), e.g. `000.00.00.H41`. "" when the element is missing.
    public var organId: String
    public var organizationInCharge: String?
    public var organName: String?
    public var organAdd: String?
    public var email: String?
    public var telephone: String?
    public var fax: String?
    public var website: String?

    public init(
        organId: String,
        organizationInCharge: String? = nil,
        organName: String? = nil,
        organAdd: String? = nil,
        email: String? = nil,
        telephone: String? = nil,
        fax: String? = nil,
        website: String? = nil
    ) {
        self.organId = organId
        self.organizationInCharge = organizationInCharge
        self.organName = organName
        self.organAdd = organAdd
        self.email = email
        self.telephone = telephone
        self.fax = fax
        self.website = website
    }
}
