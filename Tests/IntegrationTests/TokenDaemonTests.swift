import Foundation
import Testing

/// The real `lienthong run` of agency A signing with its key on a SoftHSM2 token (``AgencyToken``), through the
/// fault-injecting module: an unplugged token, a wrong PIN, a locked PIN and a missing key object each make a
/// document wait (not failed, not sent), say so once in the log and in `lienthong status`, never show the PIN, and
/// a token plugged back in signs the waiting document, which B receives with a valid signature; after a wrong PIN,
/// the right one and a reload (SIGHUP) send it.
@Suite(.serialized) struct TokenDaemonTests {
    static let a = TwoAgencies.codeA
    static let b = TwoAgencies.codeB

    /// The axis and A's daemon (B's too when `withB`), A signing through the token with `fault` injected from the
    /// start.
    static func world(
        fault: String = "", object: String = "agency-key", wrongPIN: Bool = false, withB: Bool = false
    ) throws -> (world: TwoAgencies, token: AgencyToken, daemon: ChildProcess) {
        let world = try TwoAgencies()
        let token = try AgencyToken(in: world)
        try token.configure(world, object: object, pinFile: wrongPIN ? token.wrongPINFile : nil)
        try token.inject(fault)
        try world.startAxis()
        let daemon = try world.startDaemon(a, environment: token.environment)
        if withB { try world.startDaemon(b) }
        return (world, token, daemon)
    }

    /// Drops a PDF for B and waits until A has tried to sign it and put it back to wait `retries` times; returns
    /// its document id.
    static func dropAndWaitForRetries(
        _ name: String, _ retries: Int, in world: TwoAgencies
    ) async throws -> String {
        try world.drop(TestPDF.make(note: name), named: name, into: b, of: a)
        try #require(
            await eventually(timeout: 30) {
                let list = try? runCommand(world.lienthong, ["list", "--config", world.config(a)])
                return list?.output.contains("\t" + name) == true
            }, "\(name) was not recorded:\n\(world.logs)")
        let id = try AxisFaultTests.documentId(of: name, in: world)
        var history = ""
        try #require(
            await eventually(timeout: 40) {
                history = (try? AxisFaultTests.show(id, in: world)) ?? ""
                return history.components(separatedBy: " retry: ").count - 1 >= retries
            }, "\(name) was not tried \(retries) times:\n\(history)\n\(world.logs)")
        return id
    }

    /// The document waits: claimed and never signed, not in A's `failed/`, and nothing reached the axis.
    static func expectWaiting(_ id: String, named name: String, in world: TwoAgencies) throws {
        let history = try AxisFaultTests.show(id, in: world)
        #expect(history.contains("state             claimed"), "\(history)")
        let failed = world.files(under: world.share(a) + "/failed")
        #expect(!failed.contains { $0.hasSuffix(name) || $0.hasSuffix(name + ".error.txt") }, "\(failed)")
        let calls = try world.admin.stats()["calls"] as? [String: Int] ?? [:]
        #expect((calls["sendEdoc"] ?? 0) == 0, "the axis was sent something: \(calls)")
    }

    /// The daemon's error lines (`<3>`, the syslog priority of an error) that contain `text`.
    static func errorLines(containing text: String, in daemon: ChildProcess) -> [Substring] {
        daemon.log.split(separator: "\n").filter { $0.hasPrefix("<3>") && $0.contains(text) }
    }

    /// `lienthong status` of A once its outbound problem contains `text` (the daemon rewrites its live status every
    /// 5 s), or the last output.
    static func status(showing text: String, in world: TwoAgencies) async -> (shown: Bool, output: String) {
        var output = ""
        let shown = await eventually(timeout: 20) {
            output = world.status(of: a)
            return output.split(separator: "\n").contains { $0.contains("STOPPED, outbound:") && $0.contains(text) }
        }
        return (shown, output)
    }

    static func expectPINAbsent(in daemon: ChildProcess, _ world: TwoAgencies) {
        let logs = daemon.log + world.status(of: a)
        #expect(!logs.contains(AgencyToken.pin) && !logs.contains(AgencyToken.wrongPIN), "a PIN was shown:\n\(logs)")
    }

    /// Unplugged before the daemon starts, or after it opened its session and logged in (the session dies with the
    /// token and is opened again once it is back): either way one login per time the token is plugged in.
    @Test(arguments: [true, false])
    func aDocumentWaitsWhileTheTokenIsUnpluggedAndIsSentOnceItIsBack(unpluggedAtStart: Bool) async throws {
        let (world, token, daemon) = try Self.world(fault: unpluggedAtStart ? "removed" : "", withB: true)
        if !unpluggedAtStart {
            try #require(
                await eventually(timeout: 20) { daemon.log.contains("signing key on token '\(AgencyToken.label)'") },
                "the daemon did not open the token:\n\(daemon.log)")
            try token.inject("removed")
        }
        let name = "41_Token rut ra.pdf"
        let id = try await Self.dropAndWaitForRetries(name, 2, in: world)

        try Self.expectWaiting(id, named: name, in: world)
        let unplugged = await Self.status(showing: "token not present", in: world)
        #expect(unplugged.shown, "\(unplugged.output)\n\(world.logs)")
        #expect(daemon.isRunning)
        // The daemon looks at the module's slot list (status.json, every 5 s): the token is seen gone.
        #expect(
            await eventually(timeout: 20) { world.status(of: Self.a).contains("signing token: NOT plugged in") },
            "\(world.status(of: Self.a))")

        try token.inject("")
        let inbox = world.share(Self.b) + "/inbox"
        #expect(
            await eventually(timeout: 60) {
                world.inboxFiles(named: "signatures.txt", of: Self.b).values.contains { $0.contains(name) }
            }, "the document did not reach B once the token was back:\n\(world.files(under: inbox))\n\(world.logs)")
        let report = try #require(world.inboxFiles(named: "signatures.txt", of: Self.b).values.first)
        #expect(report.contains("Kết quả / Result:               HỢP LỆ / VALID"), "\(report)")
        #expect(report.contains("Người ký / Signer:              UBND tỉnh Nghệ An (000.00.00.H41)"), "\(report)")
        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[Self.a] == 1, "stored exactly once: \(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        var output = ""
        #expect(
            await eventually(timeout: 20) {
                output = world.status(of: Self.a)
                return output.contains("daemon: running") && !output.contains("token not present")
                    && output.contains("signing token: plugged in")
            }, "status still says the token is not present:\n\(output)")
        #expect(
            token.loginCount() == (unpluggedAtStart ? 1 : 2),
            "C_Login called \(token.loginCount()) times:\n\(daemon.log)")
        Self.expectPINAbsent(in: daemon, world)
    }

    @Test func aWrongPINIsTriedOnceLoggedOnceWithoutThePINAndTheDocumentWaitsUntilTheReload() async throws {
        let (world, token, daemon) = try Self.world(wrongPIN: true)
        let atStart = await Self.status(showing: "refused the PIN in \(token.wrongPINFile)", in: world)
        #expect(atStart.shown, "status does not show the problem before a document meets it:\n\(atStart.output)")
        let name = "42_Sai PIN.pdf"
        let id = try await Self.dropAndWaitForRetries(name, 3, in: world)

        try Self.expectWaiting(id, named: name, in: world)
        #expect(daemon.isRunning, "the daemon exited:\n\(daemon.log)")
        #expect(token.loginCount() == 1, "C_Login called \(token.loginCount()) times:\n\(daemon.log)")
        let errors = Self.errorLines(containing: "refused the PIN", in: daemon)
        #expect(errors.count == 1, "one error expected:\n\(daemon.log)")
        #expect(
            errors.first?.contains("the token '\(AgencyToken.label)'") == true
                && errors.first?.contains("in \(token.wrongPINFile)") == true, "\(daemon.log)")
        let status = await Self.status(showing: "refused the PIN in \(token.wrongPINFile)", in: world)
        #expect(status.shown, "\(status.output)")
        Self.expectPINAbsent(in: daemon, world)

        // The admin puts the right PIN in the file and reloads: the new key logs in once and the document goes.
        try token.correctWrongPINFile()
        daemon.send(SIGHUP)
        let sent = world.share(Self.a) + "/sent"
        #expect(
            await eventually(timeout: 40) { world.files(under: sent).contains { $0.hasSuffix(name + ".receipt.txt") } },
            "the document was not sent after the reload:\n\(world.logs)")
        let stats = try AxisFaultTests.stats(world)
        #expect(stats.bySender[Self.a] == 1, "stored exactly once: \(stats)")
        #expect(token.loginCount() == 2, "C_Login called \(token.loginCount()) times:\n\(daemon.log)")
        var output = ""
        #expect(
            await eventually(timeout: 20) {
                output = world.status(of: Self.a)
                return output.contains("daemon: running") && !output.contains("STOPPED, outbound:")
            }, "status still shows a problem after the reload:\n\(output)")
        Self.expectPINAbsent(in: daemon, world)
    }

    @Test func aLockedPINIsOneErrorWithUnblockAdviceAndTheDocumentWaits() async throws {
        let (world, token, daemon) = try Self.world(fault: "locked")
        let name = "43_PIN bi khoa.pdf"
        let id = try await Self.dropAndWaitForRetries(name, 3, in: world)

        try Self.expectWaiting(id, named: name, in: world)
        #expect(daemon.isRunning, "the daemon exited:\n\(daemon.log)")
        #expect(token.loginCount() == 1, "C_Login called \(token.loginCount()) times:\n\(daemon.log)")
        let errors = Self.errorLines(containing: "is locked after too many wrong PINs", in: daemon)
        #expect(errors.count == 1, "one error expected:\n\(daemon.log)")
        #expect(errors.first?.contains("unblock it with the security officer PIN") == true, "\(daemon.log)")
        let status = await Self.status(showing: "is locked after too many wrong PINs", in: world)
        #expect(status.shown, "\(status.output)")
        Self.expectPINAbsent(in: daemon, world)
    }

    @Test func aMissingKeyObjectIsOneErrorNamingWhatWasSearchedAndTheDocumentWaits() async throws {
        let (world, _, daemon) = try Self.world(object: "no-such-key")
        let name = "44_Thieu khoa.pdf"
        let id = try await Self.dropAndWaitForRetries(name, 3, in: world)

        try Self.expectWaiting(id, named: name, in: world)
        #expect(daemon.isRunning, "the daemon exited:\n\(daemon.log)")
        let searched = "holds no private key with label 'no-such-key'"
        let errors = Self.errorLines(containing: searched, in: daemon)
        #expect(errors.count == 1, "one error expected:\n\(daemon.log)")
        #expect(errors.first?.contains("the token '\(AgencyToken.label)'") == true, "\(daemon.log)")
        let status = await Self.status(showing: searched, in: world)
        #expect(status.shown, "\(status.output)")
        Self.expectPINAbsent(in: daemon, world)
    }
}
