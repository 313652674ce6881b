extension DocumentHeader {
    /// `Code`: the number and notation (số và ký hiệu), e.g. `7816` and `VPCP-TTĐT`.
    public struct Code: Sendable, Codable, Equatable, Hashable {
        public var codeNumber: String?
        public var codeNotation: String?

        public init(codeNumber: String? = nil, codeNotation: String? = nil) {
            self.codeNumber = codeNumber
            self.codeNotation = codeNotation
        }
    }

    /// `PromulgationInfo`: where and when the document was issued.
    public struct PromulgationInfo: Sendable, Codable, Equatable, Hashable {
        public var place: String?
        /// As on the wire, normally `yyyy/MM/dd`.
        public var promulgationDate: String?

        public init(place: String? = nil, promulgationDate: String? = nil) {
            self.place = place
            self.promulgationDate = promulgationDate
        }
    }

    /// `DocumentType`: `Type` 1 (legal document) or 2 (administrative), a detail code and a name.
    public struct DocumentType: Sendable, Codable, Equatable, Hashable {
        public var type: String?
        public var typeDetail: String?
        public var typeName: String?

        public init(type: String? = nil, typeDetail: String? = nil, typeName: String? = nil) {
            self.type = type
            self.typeDetail = typeDetail
            self.typeName = typeName
        }
    }

    /// `SignerInfo`: who signed.
    public struct SignerInfo: Sendable, Codable, Equatable, Hashable {
        public var competence: String?
        public var position: String?
        public var fullName: String?

        public init(competence: String? = nil, position: String? = nil, fullName: String? = nil) {
            self.competence = competence
            self.position = position
            self.fullName = fullName
        }
    }

    /// `OtherInfo`: priority (0 normal … 4), circulation, amounts, direction and appendixes.
    public struct OtherInfo: Sendable, Codable, Equatable, Hashable {
        public var priority: String?
        public var sphereOfPromulgation: String?
        public var typerNotation: String?
        public var promulgationAmount: String?
        public var pageAmount: String?
        public var direction: String?
        /// `Appendixes/Appendix*`.
        public var appendixes: [String]

        public init(
            priority: String? = nil,
            sphereOfPromulgation: String? = nil,
            typerNotation: String? = nil,
            promulgationAmount: String? = nil,
            pageAmount: String? = nil,
            direction: String? = nil,
            appendixes: [String] = []
        ) {
            self.priority = priority
            self.sphereOfPromulgation = sphereOfPromulgation
            self.typerNotation = typerNotation
            self.promulgationAmount = promulgationAmount
            self.pageAmount = pageAmount
            self.direction = direction
            self.appendixes = appendixes
        }
    }
}
