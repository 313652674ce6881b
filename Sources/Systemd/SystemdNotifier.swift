import Foundation
import Glibc

/// Tells systemd about the daemon's state through `$NOTIFY_SOCKET` (the `sd_notify(3)` protocol), for
/// `Type=notify` / `Type=notify-reload` services and `WatchdogSec=`.
///
/// Each call sends one datagram of newline-separated `KEY=value` assignments from a fresh socket, as `sd_notify`
/// does. Without `NOTIFY_SOCKET` (not started by systemd, or `Type=simple`) every call does nothing, so the daemon
/// can call it unconditionally.
///
/// ```swift
/// let notifier = SystemdNotifier()
/// try notifier.ready(status: "watching 3 folders")
/// if let interval = notifier.watchdogInterval { /* call notifier.watchdog() every `interval` */ }
/// ```
public struct SystemdNotifier: Sendable {
    /// Where notifications go; `nil` when the process was not started with `NOTIFY_SOCKET`.
    private let address: UnixSocketAddress?

    /// How often to call `watchdog()`: half of `WATCHDOG_USEC`, as `sd_watchdog_enabled(3)` recommends, or `nil`
    /// when systemd expects no watchdog pings from this process.
    public let watchdogInterval: Duration?

    /// True when notifications are actually sent (`NOTIFY_SOCKET` is set and usable).
    public var isEnabled: Bool { address != nil }

    /// Reads `NOTIFY_SOCKET`, `WATCHDOG_USEC` and `WATCHDOG_PID` from `environment`.
    ///
    /// - Throws: `SystemdError.invalidSocketAddress` when `NOTIFY_SOCKET` is set but unusable (relative path,
    ///   too long, `vsock:`). An empty or missing `NOTIFY_SOCKET` is not an error: the notifier is then disabled.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SystemdError) {
        if let socket = environment["NOTIFY_SOCKET"], !socket.isEmpty {
            address = try UnixSocketAddress(socket)
        } else {
            address = nil
        }
        watchdogInterval = Self.watchdogInterval(environment: environment, processID: getpid())
    }

    /// A notifier that never sends anything.
    public static let disabled = SystemdNotifier(address: nil, watchdogInterval: nil)

    private init(address: UnixSocketAddress?, watchdogInterval: Duration?) {
        self.address = address
        self.watchdogInterval = watchdogInterval
    }

    /// `READY=1`: start-up is complete (systemd then considers the unit started). `status` is sent in the same
    /// datagram, as `STATUS=`.
    public func ready(status: String? = nil) throws(SystemdError) {
        try send([.ready] + (status.map { [.status($0)] } ?? []))
    }

    /// `STATUS=…`: a one-line state shown by `systemctl status`. Newlines are replaced by spaces.
    public func status(_ text: String) throws(SystemdError) {
        try send([.status(text)])
    }

    /// `STOPPING=1`: shutdown has begun.
    public func stopping(status: String? = nil) throws(SystemdError) {
        try send([.stopping] + (status.map { [.status($0)] } ?? []))
    }

    /// `RELOADING=1` with `MONOTONIC_USEC=` (required by `Type=notify-reload`): a configuration reload has begun.
    /// Send `ready()` when it is finished.
    public func reloading(status: String? = nil) throws(SystemdError) {
        let reloading: [SystemdNotification] = [.reloading, .monotonicMicroseconds(Self.monotonicMicroseconds())]
        try send(reloading + (status.map { [.status($0)] } ?? []))
    }

    /// `WATCHDOG=1`: the daemon is alive. Call every `watchdogInterval`.
    public func watchdog() throws(SystemdError) {
        try send([.watchdog])
    }

    /// Sends `assignments` in one datagram; does nothing when the notifier is disabled.
    public func send(_ assignments: [SystemdNotification]) throws(SystemdError) {
        guard let address, !assignments.isEmpty else { return }
        let payload = Array(assignments.map(\.line).joined(separator: "\n").utf8)
        try UnixDatagramSocket().send(payload, to: address)
    }

    /// Half of `WATCHDOG_USEC`, or `nil` when it is missing, not a positive integer, or `WATCHDOG_PID` is set to
    /// another process (the watchdog then belongs to a parent or child, not to us).
    public static func watchdogInterval(environment: [String: String], processID: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let microseconds = UInt64(text), microseconds > 0 else {
            return nil
        }
        if let pidText = environment["WATCHDOG_PID"] {
            guard let pid = Int32(pidText), pid == processID else { return nil }
        }
        return .microseconds(Int64(clamping: microseconds / 2))
    }

    static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
