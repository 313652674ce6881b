import Foundation
import Glibc
import Testing

@testable import Systemd

@Suite("SystemdNotifier")
struct SystemdNotifierTests {
    @Test("ready, status, stopping and watchdog send exactly the sd_notify datagrams")
    func sendsExactDatagrams() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = try DatagramReceiver(address: directory.path("notify"))
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        #expect(notifier.isEnabled)

        try notifier.ready()
        #expect(try receiver.receive() == Array("READY=1".utf8))
        try notifier.ready(status: "watching 3 folders")
        #expect(try receiver.receive() == Array("READY=1\nSTATUS=watching 3 folders".utf8))
        try notifier.status("sending 2 documents")
        #expect(try receiver.receive() == Array("STATUS=sending 2 documents".utf8))
        try notifier.stopping()
        #expect(try receiver.receive() == Array("STOPPING=1".utf8))
        try notifier.watchdog()
        #expect(try receiver.receive() == Array("WATCHDOG=1".utf8))
    }

    @Test("a status with newlines or control characters stays one assignment")
    func statusIsOneLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = try DatagramReceiver(address: directory.path("notify"))
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        try notifier.status("failed: a\nREADY=1\tb")
        #expect(try receiver.receive() == Array("STATUS=failed: a READY=1 b".utf8))
    }

    @Test("reloading sends RELOADING=1 with the current CLOCK_MONOTONIC in microseconds")
    func reloadingCarriesMonotonicTime() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let receiver = try DatagramReceiver(address: directory.path("notify"))
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.address])
        let before = SystemdNotifier.monotonicMicroseconds()
        try notifier.reloading()
        let after = SystemdNotifier.monotonicMicroseconds()
        let lines = String(decoding: try receiver.receive(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "RELOADING=1")
        let value = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        #expect((before...after).contains(value))
    }

    @Test("an abstract '@' NOTIFY_SOCKET is reached")
    func abstractSocket() throws {
        let name = "@lienthong-test-\(UUID().uuidString)"
        let receiver = try DatagramReceiver(address: name)
        try SystemdNotifier(environment: ["NOTIFY_SOCKET": name]).ready()
        #expect(try receiver.receive() == Array("READY=1".utf8))
    }

    @Test("without NOTIFY_SOCKET, or with an empty one, the notifier is disabled and calls do nothing")
    func disabledWithoutSocket() throws {
        for environment in [[:], ["NOTIFY_SOCKET": ""]] as [[String: String]] {
            let notifier = try SystemdNotifier(environment: environment)
            #expect(!notifier.isEnabled)
            try notifier.ready(status: "x")
            try notifier.stopping()
            try notifier.watchdog()
        }
        #expect(!SystemdNotifier.disabled.isEnabled)
    }

    @Test(
        "a NOTIFY_SOCKET that is relative, vsock, or too long is refused",
        arguments: [
            "run/notify", "vsock:2:1234", "@", "/" + String(repeating: "a", count: 120),
        ])
    func rejectsBadAddresses(address: String) {
        #expect {
            try SystemdNotifier(environment: ["NOTIFY_SOCKET": address])
        } throws: { error in
            guard case .invalidSocketAddress(let reported, _) = error as? SystemdError else { return false }
            return reported == address
        }
    }

    @Test("sending to a socket that does not exist reports the socket and errno")
    func missingSocketThrows() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.path("gone")
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        #expect(throws: SystemdError.socketCallFailed(operation: "sendto", address: path, errno: ENOENT)) {
            try notifier.ready()
        }
    }

    @Test(
        "the watchdog interval is half of WATCHDOG_USEC, for this process only",
        arguments: [
            (["WATCHDOG_USEC": "60000000"], Duration?.some(.seconds(30))),
            (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "4242"], .some(.seconds(30))),
            (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "4243"], nil),
            (["WATCHDOG_USEC": "60000000", "WATCHDOG_PID": "self"], nil),
            (["WATCHDOG_USEC": "3"], .some(.microseconds(1))),
            (["WATCHDOG_USEC": "0"], nil),
            (["WATCHDOG_USEC": "-5"], nil),
            (["WATCHDOG_USEC": "60s"], nil),
            ([:], nil),
        ] as [([String: String], Duration?)]
    )
    func watchdogInterval(environment: [String: String], expected: Duration?) {
        #expect(SystemdNotifier.watchdogInterval(environment: environment, processID: 4242) == expected)
    }

    @Test("the notifier reads the watchdog interval for its own pid from its environment")
    func notifierWatchdogInterval() throws {
        let mine = try SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(getpid())"])
        #expect(mine.watchdogInterval == .seconds(1))
        let other = try SystemdNotifier(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "\(getpid() + 1)"])
        #expect(other.watchdogInterval == nil)
    }
}
