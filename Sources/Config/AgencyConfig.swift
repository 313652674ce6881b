/// One agency served by this installation: its identity on the axis, its folders and its defaults.
public struct AgencyConfig: Sendable, Equatable {
    /// The agency's code on the axis (edXML `OrganId`), e.g. `000.00.00.H41`. Unique in the configuration.
    public var code: String
    /// Full name (edXML `OrganName`), e.g. `UBND tỉnh Nghệ An`.
    public var name: String
    /// edXML `OrganizationInCharge`: the body the agency reports to.
    public var organizationInCharge: String?
    public var address: String?
    public var email: String?
    public var telephone: String?
    public var fax: String?
    public var website: String?
    public var folders: AgencyFolders
    public var watch: WatchSettings
    public var defaults: DocumentDefaults
    /// `filename_pattern`: how the agency's software names files, e.g. `{number}-{notation}_{date}_{subject}`.
    /// Values read from a file name come after the sidecar's and before the defaults.
    public var filenamePattern: FilenamePattern?
    /// `routes`: named recipient lists; `outbox/<name>/x.pdf` (or `noi_nhan: [<name>]` in a sidecar) sends to
    /// every code of the route. Names are NFC and contain no `/` or `+`.
    public var routes: [String: [String]]
    /// `outbox_folders`: per first-level folder below `outbox/` (named exactly as the folder, NFC), a filename pattern
    /// and defaults that replace the agency's for the files in it. See ``OutboxFolderSettings``.
    public var outboxFolders: [String: OutboxFolderSettings]
    /// `inbound_policy`: what to do with received documents without a valid signature. Default: ``InboundPolicy/warn``.
    public var inboundPolicy: InboundPolicy
    /// The trust anchors for this agency's inbound signature checks: `inbound.trusted_roots`, copied into every agency
    /// by the loader so that the inbound pipeline needs nothing but its agency.
    public var trustedRoots: [String]
    /// `visible_signature`: the outbox folders whose PDFs carry the Decree 30 visible box. Default: none.
    public var visibleSignature: VisibleSignatureSettings
    /// `secret_folders`: first-level folders below `outbox/` (NFC) whose documents are secret (văn bản mật) and are
    /// never signed or sent (Decision 28/2018 keeps secret documents off the axis). Default: ``defaultSecretFolders``.
    public var secretFolders: [String]
    /// The zone of the dates this agency's clerks read (`sent/YYYY-MM-DD/`, receipts, inbox files): the top-level
    /// `time_zone`, copied into every agency by the loader so that the pipelines need nothing but their agency.
    public var timeZone: CivilTimeZone

    /// `outbox/MAT/`: where a clerk who keeps a secret document beside the others would put it.
    public static let defaultSecretFolders = ["MAT"]

    public init(
        code: String,
        name: String,
        organizationInCharge: String? = nil,
        address: String? = nil,
        email: String? = nil,
        telephone: String? = nil,
        fax: String? = nil,
        website: String? = nil,
        folders: AgencyFolders,
        watch: WatchSettings = WatchSettings(),
        defaults: DocumentDefaults = DocumentDefaults(),
        filenamePattern: FilenamePattern? = nil,
        routes: [String: [String]] = [:],
        outboxFolders: [String: OutboxFolderSettings] = [:],
        inboundPolicy: InboundPolicy = .warn,
        trustedRoots: [String] = [],
        visibleSignature: VisibleSignatureSettings = VisibleSignatureSettings(),
        secretFolders: [String] = Self.defaultSecretFolders,
        timeZone: CivilTimeZone = .vietnam
    ) {
        self.code = code
        self.name = name
        self.organizationInCharge = organizationInCharge
        self.address = address
        self.email = email
        self.telephone = telephone
        self.fax = fax
        self.website = website
        self.folders = folders
        self.watch = watch
        self.defaults = defaults
        self.filenamePattern = filenamePattern
        self.routes = routes
        self.outboxFolders = outboxFolders
        self.inboundPolicy = inboundPolicy
        self.trustedRoots = trustedRoots
        self.visibleSignature = visibleSignature
        self.secretFolders = secretFolders
        self.timeZone = timeZone
    }
}
