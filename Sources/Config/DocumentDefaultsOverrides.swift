/// The `defaults` of one outbox folder (`agencies[].outbox_folders.<name>.defaults`): only the keys the admin wrote,
/// each replacing the agency's value; every key left out is inherited from the agency's `defaults`.
///
/// `recipients` has no place here: the folder's name already says who receives its files.
public struct DocumentDefaultsOverrides: Sendable, Equatable {
    /// `signer`: given as a whole, because a folder's signer is another person. A folder that names a signer replaces
    /// the agency's competence, position and full name together; the parts it leaves out are then empty.
    public struct Signer: Sendable, Equatable {
        public var competence: String?
        public var position: String?
        public var fullName: String?

        public init(competence: String? = nil, position: String? = nil, fullName: String? = nil) {
            self.competence = competence
            self.position = position
            self.fullName = fullName
        }
    }

    public var codeNotation: String?
    public var documentType: Int?
    public var typeDetail: Int?
    public var typeName: String?
    public var place: String?
    public var signer: Signer?
    public var priority: Int?
    public var steeringType: Int?
    public var sphereOfPromulgation: String?

    public init(
        codeNotation: String? = nil,
        documentType: Int? = nil,
        typeDetail: Int? = nil,
        typeName: String? = nil,
        place: String? = nil,
        signer: Signer? = nil,
        priority: Int? = nil,
        steeringType: Int? = nil,
        sphereOfPromulgation: String? = nil
    ) {
        self.codeNotation = codeNotation
        self.documentType = documentType
        self.typeDetail = typeDetail
        self.typeName = typeName
        self.place = place
        self.signer = signer
        self.priority = priority
        self.steeringType = steeringType
        self.sphereOfPromulgation = sphereOfPromulgation
    }

    /// `base` (the agency's defaults) with every value given here in place of its own.
    public func applied(to base: DocumentDefaults) -> DocumentDefaults {
        var result = base
        if let codeNotation { result.codeNotation = codeNotation }
        if let documentType { result.documentType = documentType }
        if let typeDetail { result.typeDetail = typeDetail }
        if let typeName { result.typeName = typeName }
        if let place { result.place = place }
        if let signer {
            result.signerCompetence = signer.competence
            result.signerPosition = signer.position
            result.signerFullName = signer.fullName
        }
        if let priority { result.priority = priority }
        if let steeringType { result.steeringType = steeringType }
        if let sphereOfPromulgation { result.sphereOfPromulgation = sphereOfPromulgation }
        return result
    }
}
