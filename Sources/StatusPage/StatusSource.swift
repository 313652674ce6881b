import Daemon
import Foundation

/// Where the page gets its one model: the running daemon (``LienthongDaemon/statusReport(now:)``), or a fixed
/// report in tests. Called off the cooperative threads: it reads the database and the disks.
public protocol StatusSource: Sendable {
    func statusReport() throws -> StatusReport
}

extension LienthongDaemon: StatusSource {
    public func statusReport() throws -> StatusReport { try statusReport(now: Date()) }
}
