/// The whole of `/etc/lienthong/lienthong.yaml`, parsed, defaulted and validated.
///
/// Build it with ``ConfigLoader/load(path:)``; the memberwise initialiser exists for tests and tools that assemble a
/// configuration in code, and does not validate.
public struct LienthongConfig: Sendable, Equatable {
    /// Log levels accepted by `log_level`, from most to least verbose.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
    public static let defaultStateDirectory = "/var/lib/lienthong"

    /// Local directory holding `state.db` and `spool/`. Must not be on a network filesystem (SQLite WAL).
    public var stateDirectory: String
    public var axis: AxisSettings
    public var signing: SigningSettings
    public var inbound: InboundSettings
    public var retry: RetryPolicy
    public var limits: Limits
    /// At least one; codes are unique.
    public var agencies: [AgencyConfig]
    /// One of ``logLevels``.
    public var logLevel: String
    /// `time_zone`: the zone of the dates clerks and admins read (see ``CivilTimeZone``), also copied into every
    /// agency by the loader. Default: Vietnam time.
    public var timeZone: CivilTimeZone
    public var statusPage: StatusPageSettings

    public init(
        stateDirectory: String = LienthongConfig.defaultStateDirectory,
        axis: AxisSettings,
        signing: SigningSettings,
        inbound: InboundSettings = InboundSettings(),
        retry: RetryPolicy = RetryPolicy(),
        limits: Limits = Limits(),
        agencies: [AgencyConfig],
        logLevel: String = "info",
        timeZone: CivilTimeZone = .vietnam,
        statusPage: StatusPageSettings = StatusPageSettings()
    ) {
        self.stateDirectory = stateDirectory
        self.axis = axis
        self.signing = signing
        self.inbound = inbound
        self.retry = retry
        self.limits = limits
        self.agencies = agencies
        self.logLevel = logLevel
        self.timeZone = timeZone
        self.statusPage = statusPage
    }

    /// `<state_directory>/state.db`.
    public var stateDatabasePath: String { PathRules.join(stateDirectory, "state.db") }
    /// `<state_directory>/spool`.
    public var spoolDirectory: String { PathRules.join(stateDirectory, "spool") }

    /// The agency with this code (compared without regard to case), if configured.
    public func agency(code: String) -> AgencyConfig? {
        agencies.first { $0.code.caseInsensitiveCompare(code) == .orderedSame }
    }
}
