/// Everything `lienthong-axis` needs to run: where to listen, where to keep data, who may call it.
///
/// Load it from YAML with ``load(fromFile:)`` (see `AxisSimulatorConfiguration+YAML.swift` for the format) or build
/// it in code for tests.
public struct AxisSimulatorConfiguration: Sendable {
    /// A system id (connection centre or agency) with its shared secret and the agencies it may send for.
    public struct System: Sendable, CustomStringConvertible {
        public var systemId: String
        public var secret: String
        public var agencies: [String]

        public init(systemId: String, secret: String, agencies: [String]) {
            self.systemId = systemId
            self.secret = secret
            self.agencies = agencies
        }

        public var description: String { "System(\(systemId), secret: <redacted>, agencies: \(agencies))" }
    }

    /// An agency as `getAgenciesList` reports it.
    public struct Agency: Sendable, Equatable {
        public var code: String
        public var name: String
        public var email: String
        public var oldCode: String

        public init(code: String, name: String = "", email: String = "", oldCode: String = "") {
            self.code = code
            self.name = name
            self.email = email
            self.oldCode = oldCode
        }
    }

    public var listenAddress: String
    /// 0 picks a free port (see `--port-file`).
    public var port: Int
    /// The admin listener (`/admin/stats`); must be a loopback address.
    public var adminAddress: String
    public var adminPort: Int
    /// The path before `/<method>`, e.g. `/XrdAdapter/adapter`. `/` accepts any prefix.
    public var basePath: String
    /// SQLite queue database, stored envelopes and spooled uploads live here.
    public var dataDirectory: String
    public var maximumBodyBytes: Int64
    public var maximumConnections: Int
    /// Seconds a connection has to deliver a whole request head (line and headers) after opening or after the
    /// previous response; then it is closed without a reply. Not in the YAML file: tests shorten it.
    public var requestHeadTimeoutSeconds: Double = 60
    public var systems: [System]
    public var agencies: [Agency]
    /// HTTPS on the axis listener when set; plain HTTP otherwise.
    public var tls: AxisTLSConfiguration?
    /// Serve recipients the stored envelope with one more `TraceHeader` (this axis, the time it stored the
    /// document), as the real axis does. The stored original is never changed.
    public var appendTraceHeader: Bool
    /// The `OrganId` of the appended `TraceHeader`; nil uses the sender's code.
    public var traceOrganId: String?
    /// Seconds added to every time the axis reports (list replies, the appended `TraceHeader`), to play an axis or
    /// provincial adapter whose clock or time zone differs from ours. Never used for its own bookkeeping.
    public var clockOffsetSeconds: Int = 0
    /// The test RFC 3161 timestamp authority at `POST /tsa` on the axis listener; off when nil.
    public var timestampAuthority: AxisTimestampAuthorityConfiguration?
    /// Things worth a warning found while loading (e.g. a secret file readable by others).
    public var warnings: [String] = []

    public init(
        listenAddress: String = "127.0.0.1", port: Int = 0, adminAddress: String = "127.0.0.1", adminPort: Int = 0,
        basePath: String = "/", dataDirectory: String, maximumBodyBytes: Int64 = 1 << 30,
        maximumConnections: Int = 64, systems: [System], agencies: [Agency], tls: AxisTLSConfiguration? = nil,
        appendTraceHeader: Bool = true, traceOrganId: String? = nil
    ) {
        self.listenAddress = listenAddress
        self.port = port
        self.adminAddress = adminAddress
        self.adminPort = adminPort
        self.basePath = basePath
        self.dataDirectory = dataDirectory
        self.maximumBodyBytes = maximumBodyBytes
        self.maximumConnections = maximumConnections
        self.systems = systems
        self.agencies = agencies
        self.tls = tls
        self.appendTraceHeader = appendTraceHeader
        self.traceOrganId = traceOrganId
    }

    public func system(_ systemId: String) -> System? { systems.first { $0.systemId == systemId } }

    /// Every agency code the axis can deliver to: the listed agencies and those registered under a system.
    public var knownAgencyCodes: Set<String> {
        Set(agencies.map(\.code)).union(systems.flatMap(\.agencies))
    }
}
