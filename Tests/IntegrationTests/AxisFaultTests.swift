import Foundation
import Testing

/// The axis misbehaves on purpose (the admin fault API of `lienthong-axis`), and the real daemons still deliver each
/// document exactly once, counted on the axis side, or file it in `failed/` with the axis's own words.
@Suite(.serialized) struct AxisFaultTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    /// The axis with `faults` armed, then both daemons; agency A's configuration edited by `editConfig` first.
    static func world(faults: [String], editConfig: ((String) -> String)? = nil) throws -> TwoAgencies {
        let world = try TwoAgencies()
        try world.startAxis()
        for fault in faults { try world.admin.addFault(fault) }
        if let editConfig {
            let path = world.config(sender)
            let edited = editConfig(try String(contentsOfFile: path, encoding: .utf8))
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try world.startDaemon(sender)
        try world.startDaemon(recipient)
        return world
    }

    /// Drops a one-page PDF named `name` (`<number>_<subject>.pdf`, the demo's filename pattern) for B, waits until
    /// B's inbox has it, and returns A's document id.
    static func deliver(_ name: String, in world: TwoAgencies, timeout: TimeInterval = 90) async throws -> String {
        try world.drop(TestPDF.make(note: name), named: name, into: recipient, of: sender)
        let inbox = world.share(recipient) + "/inbox"
        let arrived = await eventually(timeout: timeout) {
            world.files(under: inbox).contains { $0.hasSuffix("/" + name) }
        }
        #expect(arrived, "\(name) did not reach B's inbox:\n\(world.files(under: inbox))\n\(world.logs)")
        let sentA = world.share(sender) + "/sent"
        #expect(
            await eventually(timeout: 30) {
                world.files(under: sentA).contains { $0.hasSuffix(name + ".receipt.txt") }
            },
            "\(name) was not filed in A's sent/:\n\(world.logs)")
        return try documentId(of: name, in: world)
    }

    /// The `#N` of `name` in `lienthong list` of agency A.
    static func documentId(of name: String, in world: TwoAgencies) throws -> String {
        let list = try runCommand(world.lienthong, ["list", "--config", world.config(sender)])
        let line = try #require(
            list.output.split(separator: "\n").first { $0.hasSuffix("\t" + name) },
            "\(name) not listed:\n\(list.output)")
        return String(line.prefix { $0 != "\t" })
    }

    static func show(_ id: String, in world: TwoAgencies) throws -> String {
        try runCommand(world.lienthong, ["show", "--config", world.config(sender), id]).output
    }

    /// The axis's counters. `calls["sendEdoc"]` counts A's sends only: B's status 01 replies also travel by
    /// sendEdoc (never faulted, each stored once, so counted in `documents_by_sender[B]`) and are subtracted.
    static func stats(_ world: TwoAgencies) throws -> (calls: [String: Int], bySender: [String: Int], duplicates: Int) {
        let stats = try world.admin.stats()
        var calls = stats["calls"] as? [String: Int] ?? [:]
        let bySender = stats["documents_by_sender"] as? [String: Int] ?? [:]
        calls["sendEdoc", default: 0] -= bySender[recipient] ?? 0
        return (calls, bySender, stats["duplicate_documents"] as? Int ?? -1)
    }

    @Test func twoHTTP503RepliesAreRetriedAndTheDocumentArrivesOnce() async throws {
        let world = try Self.world(faults: [
            #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":2,"fault":{"kind":"http_status","status":503}}"#
        ])
        let id = try await Self.deliver("31_Loi 503.pdf", in: world)
        let stats = try Self.stats(world)
        #expect(stats.bySender[Self.sender] == 1, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        #expect(stats.calls["sendEdoc"] == 3, "two refused sends and one that went through: \(stats)")
        let history = try Self.show(id, in: world)
        #expect(history.contains("state             filed"), "\(history)")
        #expect(history.components(separatedBy: " retry: ").count - 1 == 2, "two retries expected:\n\(history)")
        #expect(history.contains("HTTP 503"), "\(history)")
    }

    @Test func aConnectionResetIsRetriedAndTheDocumentArrivesOnce() async throws {
        let world = try Self.world(faults: [
            #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"reset"}}"#
        ])
        let id = try await Self.deliver("32_Ngat ket noi.pdf", in: world)
        let stats = try Self.stats(world)
        #expect(stats.bySender[Self.sender] == 1, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        let history = try Self.show(id, in: world)
        #expect(history.contains("state             filed"), "\(history)")
        #expect(history.contains(" retry: "), "the reset should show as a retry:\n\(history)")
    }

    /// The axis answers 503 to every sendEdoc of A for a while. The documents wait for it together behind one probe
    /// at a time (`AxisGate`): the axis sees one send per retry delay, not one per document; the journal warns once
    /// instead of once per document and retry; `status` and `DANG-CHO-GUI.txt` say why they wait. When the axis works
    /// again, they all leave, each stored once.
    @Test func documentsWaitForAFailingAxisTogetherAndAllLeaveOnceItWorks() async throws {
        let retry = "  initial_delay: 2s\n  max_delay: 2s\n  jitter: 0\n"
        let world = try Self.world(
            faults: [
                #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1000000,"fault":{"kind":"http_status","status":503}}"#
            ],
            editConfig: { $0.replacingOccurrences(of: "  initial_delay: 1s\n  max_delay: 10s\n", with: retry) })
        #expect(try String(contentsOfFile: world.config(Self.sender), encoding: .utf8).contains(retry))
        let names = (1...8).map { "5\($0)_Truc loi \($0).pdf" }
        for name in names {
            try world.drop(TestPDF.make(note: name), named: name, into: Self.recipient, of: Self.sender)
        }
        let database = StateDatabase(path: world.home(Self.sender) + "/state/state.db")
        let packaged = "SELECT count(*) FROM documents WHERE direction = 'out' AND state = 'packaged'"
        #expect(
            await eventually(timeout: 60) { (try? database.query(packaged)) == "8" }, "not all packaged:\n\(world.logs)"
        )
        var status = ""
        #expect(
            await eventually(timeout: 10) {
                status =
                    (try? runCommand(world.lienthong, ["status", "--config", world.config(Self.sender)]))?.output ?? ""
                return status.contains("the axis does not accept documents")
            }, "\(status)")
        #expect(status.contains("HTTP 503"), "\(status)")
        let notice = try String(contentsOfFile: world.share(Self.sender) + "/outbox/DANG-CHO-GUI.txt", encoding: .utf8)
        #expect(notice.contains("Trục liên thông văn bản quốc gia chưa nhận văn bản"), "\(notice)")
        #expect(notice.contains("VĂN BẢN ĐANG CHỜ GỬI: 8"), "\(notice)")

        // Every send from now on goes through the closed gate (sends let through while it was open have arrived a
        // second later): one probe at a time, each at least the 2 s retry delay after the last one failed, so at most
        // 4 start in 6 s, and one more may be on its way when the counting starts. Without the gate, each of the
        // eight documents would be tried every 2 s: 24.
        try await Task.sleep(for: .seconds(1))
        let before = try Self.stats(world).calls["sendEdoc"] ?? 0
        try await Task.sleep(for: .seconds(6))
        let probes = (try Self.stats(world).calls["sendEdoc"] ?? 0) - before
        #expect((1...5).contains(probes), "\(probes) sends in 6 s while the axis failed")

        try world.admin.clearFaults()
        let sent = world.share(Self.sender) + "/sent"
        #expect(
            await eventually(timeout: 60) {
                world.files(under: sent).filter { $0.hasSuffix(".receipt.txt") }.count == 8
            },
            "not all filed after the axis came back:\n\(world.logs)")
        let stats = try Self.stats(world)
        #expect(stats.bySender[Self.sender] == 8, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        let log = try #require(world.daemons[Self.sender]).log
        #expect(log.components(separatedBy: "the axis does not accept documents:").count - 1 == 1, "\(log)")
        #expect(log.components(separatedBy: "the axis accepts documents again after").count - 1 == 1, "\(log)")
        let perDocumentWarnings = log.split(separator: "\n").filter {
            $0.hasPrefix("<4>") && $0.contains("retrying in")
        }
        #expect(perDocumentWarnings.isEmpty, "\(perDocumentWarnings)")
        // `status` reads the snapshot the daemon rewrites every few seconds.
        #expect(
            await eventually(timeout: 20) {
                status =
                    (try? runCommand(world.lienthong, ["status", "--config", world.config(Self.sender)]))?.output ?? ""
                return !status.contains("the axis does not accept documents") && status.contains("lifetime: filed 8")
            }, "\(status)")
    }

    /// The axis answers after 2.2 s while the client waits at most 1.5 s with nothing moving (request_timeout):
    /// the client gives up (libcurl checks about once a second, so at 1.5 to 2 s), the axis still stores the
    /// document, and the next attempt (after the 1 s ± 20 % retry delay, so from 2.3 s) finds it with
    /// getSentEdocList instead of resending. A lookup that ran before the axis committed would resend: see the
    /// report on uncertain sends.
    @Test func aReplySlowerThanTheRequestTimeoutIsRetriedAndDeliveredExactlyOnce() async throws {
        let world = try Self.world(
            faults: [
                #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"delay","milliseconds":2200}}"#
            ],
            editConfig: { $0.replacingOccurrences(of: "request_timeout: 30s", with: "request_timeout: 1500ms") })
        #expect(
            try String(contentsOfFile: world.config(Self.sender), encoding: .utf8).contains("request_timeout: 1500ms"))
        let id = try await Self.deliver("33_Truc tra loi cham.pdf", in: world)
        let stats = try Self.stats(world)
        #expect(stats.bySender[Self.sender] == 1, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        let history = try Self.show(id, in: world)
        #expect(history.contains("state             filed"), "\(history)")
        #expect(history.contains(" retry: "), "the timeout should show as a retry:\n\(history)")
        #expect(history.contains("found on the axis after a lost reply"), "\(history)")
    }

    /// The axis stores the document and drops the connection: the client cannot know, looks the document up with
    /// getSentEdocList, finds it, and never sends it again.
    @Test func storeThenDropLeavesExactlyOneCopyFoundByGetSentEdocList() async throws {
        let world = try Self.world(faults: [
            #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"store_then_drop"}}"#
        ])
        let id = try await Self.deliver("34_Luu roi ngat.pdf", in: world)
        let stats = try Self.stats(world)
        #expect(stats.bySender[Self.sender] == 1, "\(stats)")
        #expect(stats.calls["sendEdoc"] == 1, "the document must not be sent again: \(stats)")
        #expect((stats.calls["getSentEdocList"] ?? 0) >= 1, "\(stats)")
        #expect(stats.duplicates == 0, "\(stats)")
        let history = try Self.show(id, in: world)
        #expect(history.contains("state             filed"), "\(history)")
        #expect(history.contains("found on the axis after a lost reply"), "\(history)")
        let docIdLine = history.split(separator: "\n").first { $0.hasPrefix("axis DocId") }
        let docId = try #require(docIdLine?.split(separator: " ").last.map(String.init), "\(history)")
        #expect(history.contains("DocId \(docId)"), "the DocId found by getSentEdocList is the one kept:\n\(history)")
    }

    @Test func aWrongSenderFailGoesToFailedWithTheAxisMessageQuoted() async throws {
        let message = "Don vi gui \(Self.sender) khong dung voi ma da dang ky: vxp.saas.03"
        let world = try Self.world(faults: [
            #"{"method":"sendEdoc","system_id":"000.00.00.H41","count":1,"fault":{"kind":"fail","error_code":"-1","error_description":""#
                + message + #""}}"#
        ])
        let name = "35_Sai don vi.pdf"
        let original = TestPDF.make(note: "wrong sender")
        try world.drop(original, named: name, into: Self.recipient, of: Self.sender)
        let failed = world.share(Self.sender) + "/failed"
        #expect(
            await eventually(timeout: 60) { world.files(under: failed).contains(name + ".error.txt") },
            "\(name) did not reach failed/:\n\(world.files(under: failed))\n\(world.logs)")
        let reason = try String(contentsOfFile: failed + "/" + name + ".error.txt", encoding: .utf8)
        #expect(reason.contains(message), "the axis's own message should be quoted:\n\(reason)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: failed + "/" + name))) == original)
        let stats = try Self.stats(world)
        #expect((stats.bySender[Self.sender] ?? 0) == 0, "\(stats)")
        #expect(stats.calls["sendEdoc"] == 1, "a permanent refusal is not retried: \(stats)")
    }
}
