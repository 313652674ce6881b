import Foundation
import Glibc
import LienthongVersion
import Testing

/// The daemon's status page on the real binaries: `/` and `/api/status` render the one model of `lienthong status
/// --json`, `/metrics` counts what the daemon does, the page is read-only and hardened, and check-config refuses to
/// publish it by accident.
@Suite(.serialized) struct StatusPageTests {
    static let a = TwoAgencies.codeA
    static let b = TwoAgencies.codeB

    /// Fields that change between two reads of a running daemon (clocks, polls every 2 s, free space).
    static func withoutTiming(_ object: Any) -> Any {
        let timing: Set<String> = [
            "generated_at", "last_seen", "last_successful_poll", "available_bytes", "live_status_stale",
        ]
        if let dictionary = object as? [String: Any] {
            return dictionary.filter { !timing.contains($0.key) }.mapValues(withoutTiming)
        }
        if let array = object as? [Any] { return array.map(withoutTiming) }
        return object
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON: \(text)")
    }

    /// `name{labels}` → value, from the Prometheus text format.
    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else {
                continue
            }
            samples[String(line[..<space])] = value
        }
        return samples
    }

    @Test func thePageTheAPIAndTheMetricsShowWhatTheDaemonDoes() async throws {
        let world = try TwoAgencies()
        let page = try world.enableStatusPage(Self.a)
        try world.startAxis()
        try world.startDaemon(Self.a)
        #expect(
            await eventually(timeout: 30) { (try? page.get("/api/status"))?.status == 200 },
            "the status page did not answer:\n\(world.logs)")

        // The page: Vietnamese first, the agency, the security headers.
        let home = try page.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.body.contains("Trạng thái liên thông văn bản") && home.body.contains(Self.a), "\(home.body)")
        let vietnamese = try #require(home.body.range(of: "Đang chờ"))
        let english = try #require(home.body.range(of: "Waiting"))
        #expect(vietnamese.lowerBound < english.lowerBound)
        for path in ["/", "/style.css", "/api/status", "/metrics", "/no-such-page"] {
            let reply = try page.get(path)
            #expect(
                reply.headers["content-security-policy"]
                    == "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
                    + "frame-ancestors 'none'", "\(path): \(reply.headers)")
            #expect(reply.headers["x-content-type-options"] == "nosniff", "\(path)")
            #expect(reply.headers["referrer-policy"] == "no-referrer", "\(path)")
            #expect(reply.headers["cache-control"] == "no-store", "\(path)")
        }
        #expect(try page.get("/no-such-page").status == 404)
        #expect(try page.get("/style.css").headers["content-type"] == "text/css; charset=utf-8")
        #expect(try page.get("/?lang=en").body.contains("Document exchange status"))

        // Read-only: every other method is 405 with Allow; HEAD has the headers and no body.
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let reply = try page.request(method, "/api/status", body: "x")
            #expect(reply.status == 405 && reply.headers["allow"] == "GET, HEAD", "\(method): \(reply)")
        }
        let head = try page.request("HEAD", "/")
        #expect(head.status == 200 && head.body.isEmpty && head.headers["cache-control"] == "no-store", "\(head)")

        // Send one document to B: the metrics change, and the API still equals `status --json`.
        let before = Self.samples(try page.get("/metrics").body)
        #expect(before["lienthong_build_info{version=\"\(LienthongVersion.current)\"}"] == 1, "\(before)")
        #expect(before["lienthong_documents{agency=\"\(Self.a)\",direction=\"outbound\",state=\"filed\"}"] == 0)
        try world.dropSidecar("so: 41\n", for: "Công văn 41.pdf", into: Self.b, of: Self.a)
        try world.drop(TestPDF.make(note: "trang"), named: "Công văn 41.pdf", into: Self.b, of: Self.a)
        #expect(
            await eventually(timeout: 60) {
                Self.samples((try? page.get("/metrics").body) ?? "")[
                    "lienthong_documents{agency=\"\(Self.a)\",direction=\"outbound\",state=\"filed\"}"] == 1
            }, "the document was not filed:\n\(world.logs)")
        let after = Self.samples(try page.get("/metrics").body)
        #expect(after["lienthong_send_latency_seconds_count{agency=\"\(Self.a)\"}"] == 1, "\(after)")
        #expect(
            after["lienthong_transitions_total{agency=\"\(Self.a)\",direction=\"outbound\",state=\"sent\"}"] == 1,
            "\(after)")
        #expect(after["lienthong_waiting_documents{agency=\"\(Self.a)\",direction=\"outbound\"}"] == 0)
        #expect(after["lienthong_daemon_running"] == 1)
        #expect(after["lienthong_axis_reachable{agency=\"\(Self.a)\"}"] == 1)
        // The live part (polls) comes from status.json, rewritten every 5 s, as for `lienthong status`.
        #expect(
            await eventually(timeout: 20) {
                let samples = Self.samples((try? page.get("/metrics").body) ?? "")
                return (samples["lienthong_last_successful_poll_timestamp_seconds{agency=\"\(Self.a)\"}"] ?? 0)
                    > 1_700_000_000
            }, "no successful poll in /metrics:\n\(world.logs)")

        var api: [String: Any] = [:]
        var cli: [String: Any] = [:]
        let same = await eventually(timeout: 20) {
            guard let fromPage = try? Self.json(page.get("/api/status").body),
                let fromCommand = try? Self.json(
                    runCommand(world.lienthong, ["status", "--json", "--config", world.config(Self.a)]).output)
            else { return false }
            api = fromPage
            cli = fromCommand
            return NSDictionary(dictionary: Self.withoutTiming(api) as? [String: Any] ?? [:])
                .isEqual(to: Self.withoutTiming(cli) as? [String: Any] ?? [:])
        }
        #expect(same, "/api/status:\n\(api)\nstatus --json:\n\(cli)")
        let recent = try #require(api["recent"] as? [[String: Any]])
        #expect(
            recent.contains { $0["file_name"] as? String == "Công văn 41.pdf" && $0["state"] as? String == "filed" })
        #expect(try page.get("/").body.contains("Công văn 41.pdf"))
    }

    /// A client that never finishes its request head is cut off (slowloris); SIGTERM stops the page with the daemon.
    @Test func aSlowClientIsCutOffAndSIGTERMStopsThePageWithTheDaemon() async throws {
        let world = try TwoAgencies()
        let page = try world.enableStatusPage(Self.a)
        try world.startAxis()
        let daemon = try world.startDaemon(Self.a)
        #expect(
            await eventually(timeout: 30) { (try? page.get("/metrics"))?.status == 200 }, "no page:\n\(world.logs)")

        let started = Date()
        let socket = try page.connect()
        defer { close(socket) }
        let partial = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8)
        _ = partial.withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var timeout = timeval(tv_sec: 40, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var byte: UInt8 = 0
        let received = recv(socket, &byte, 1, 0)
        let waited = Date().timeIntervalSince(started)
        #expect(received == 0, "the connection was not closed (recv \(received), errno \(errno))")
        #expect(waited > 8 && waited < 25, "closed after \(waited) s; the request head timeout is 10 s")

        daemon.stop()
        #expect(daemon.terminationStatus == 0, "\(daemon.log)")
        #expect(daemon.log.contains("lienthong stopped"), "\(daemon.log)")
        #expect(throws: (any Error).self) { try page.get("/") }
    }

    /// The page's port is taken: the journal says so once and the daemon goes on with its documents.
    @Test func aTakenPortLeavesTheDaemonRunning() async throws {
        let world = try TwoAgencies()
        let page = try world.enableStatusPage(Self.a)
        let squatter = try PageClient.listen(port: page.port)
        defer { close(squatter) }
        try world.startAxis()
        let daemon = try world.startDaemon(Self.a)
        #expect(
            await eventually(timeout: 30) {
                daemon.log.contains("the status page cannot listen on 127.0.0.1:\(page.port)")
            },
            "\(daemon.log)")
        #expect(
            await eventually(timeout: 20) {
                (try? runCommand(world.lienthong, ["status", "--config", world.config(Self.a)]))?.status == 0
            },
            "\(daemon.log)")
        #expect(daemon.isRunning)
    }

    @Test func checkConfigRefusesANetworkAddressWithoutAllowRemote() throws {
        let world = try TwoAgencies()
        try world.editConfig(Self.a) { yaml in
            yaml.replacingOccurrences(of: "  listen: \"\"\n", with: "  listen: \"0.0.0.0:9740\"\n")
        }
        let refused = try runCommand(world.lienthong, ["check-config", "--config", world.config(Self.a)])
        #expect(refused.status != 0, "\(refused.output)")
        #expect(
            refused.output.contains("status_page.listen") && refused.output.contains("allow_remote"),
            "\(refused.output)")

        try world.editConfig(Self.a) { yaml in
            yaml.replacingOccurrences(
                of: "  listen: \"0.0.0.0:9740\"\n", with: "  listen: \"0.0.0.0:9740\"\n  allow_remote: true\n")
        }
        let allowed = try runCommand(world.lienthong, ["check-config", "--config", world.config(Self.a)])
        #expect(!allowed.output.contains("allow_remote: true to publish"), "\(allowed.output)")
        #expect(
            allowed.output.contains("without a password"),
            "a published page is not even warned about:\n\(allowed.output)")
    }
}

/// The page as a person sees it: headless Chromium renders B's page with one document stuck (the axis stopped) and
/// one quarantined (an untrusted signature under inbound_policy: quarantine).
@Suite(.serialized) struct StatusPageBrowserTests {
    static let a = TwoAgencies.codeA
    static let b = TwoAgencies.codeB

    @Test func chromiumShowsTheStuckAndTheQuarantinedDocumentWithTheirReasons() async throws {
        let chromium = try HeadlessChromium.path()
        let world = try TwoAgencies()
        try world.trustOnly([], at: Self.b)
        try world.editConfig(Self.b) { yaml in
            let agency = "  - code: \"\(Self.b)\"\n"
            guard yaml.contains(agency) else { throw IntegrationError("no agency entry in B's config:\n\(yaml)") }
            return yaml.replacingOccurrences(of: agency, with: agency + "    inbound_policy: quarantine\n")
        }
        let page = try world.enableStatusPage(Self.b)
        try world.startAxis()
        try world.startDaemon(Self.a)
        try world.startDaemon(Self.b)

        // A sends; B quarantines it (nobody it trusts signed it).
        try world.dropSidecar("so: 51\n", for: "Công văn 51.pdf", into: Self.b, of: Self.a)
        try world.drop(TestPDF.make(note: "cach ly"), named: "Công văn 51.pdf", into: Self.b, of: Self.a)
        let quarantine = world.share(Self.b) + "/quarantine"
        #expect(
            await eventually(timeout: 90) { world.files(under: quarantine).contains { $0.hasSuffix("/reason.txt") } },
            "nothing was quarantined at B:\n\(world.logs)")

        // The axis goes away; B's own document waits.
        world.stopAxis()
        try world.dropSidecar("so: 52\n", for: "Tờ trình 52.pdf", into: Self.a, of: Self.b)
        try world.drop(TestPDF.make(note: "cho"), named: "Tờ trình 52.pdf", into: Self.a, of: Self.b)
        // The page reads the daemon's live status as `lienthong status` does (status.json, rewritten every 5 s).
        #expect(
            await eventually(timeout: 60) {
                guard let body = try? page.get("/api/status").body,
                    let report = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
                    let waiting = report["waiting"] as? [[String: Any]],
                    let agency = (report["agencies"] as? [[String: Any]])?.first
                else { return false }
                return waiting.contains { $0["file_name"] as? String == "Tờ trình 52.pdf" && $0["reason"] is String }
                    && agency["axis_unreachable_since"] is String
            }, "B's document did not wait with a reason, or the axis was not seen gone:\n\(world.logs)")

        let metrics = StatusPageTests.samples(try page.get("/metrics").body)
        #expect(
            (metrics["lienthong_axis_errors_total{method=\"sendEdoc\",class=\"transient\"}"] ?? 0) >= 1, "\(metrics)")
        #expect(
            (metrics["lienthong_retries_total{agency=\"\(Self.b)\",direction=\"outbound\",state=\"packaged\"}"] ?? 0)
                >= 1,
            "\(metrics)")
        #expect(metrics["lienthong_axis_reachable{agency=\"\(Self.b)\"}"] == 0, "\(metrics)")
        #expect(metrics["lienthong_waiting_documents{agency=\"\(Self.b)\",direction=\"outbound\"}"] == 1, "\(metrics)")
        #expect((metrics["lienthong_oldest_waiting_age_seconds{agency=\"\(Self.b)\"}"] ?? 0) > 0, "\(metrics)")

        let dom = try HeadlessChromium.dumpDOM("http://127.0.0.1:\(page.port)/")
        #expect(dom.contains("<h2>\(Self.b) · UBND thành phố Hà Nội</h2>"), "\(chromium):\n\(dom)")
        #expect(dom.contains("Tờ trình 52.pdf"), "\(dom)")
        // The quarantined document: its envelope was refused before its files were named; who sent it is known.
        #expect(dom.contains("(chưa có tên tệp) \(Self.a)") && dom.contains("(no file name yet) \(Self.a)"), "\(dom)")
        #expect(dom.contains("data-count=\"waiting\">1</strong>"), "\(dom)")
        #expect(dom.contains("data-count=\"needs-a-person\">1</strong>"), "\(dom)")
        // The quarantine reason file, Vietnamese and English, as the clerk reads it in quarantine/.
        #expect(dom.contains("No attachment carries a valid digital signature (inbound_policy: quarantine)"), "\(dom)")
        #expect(dom.contains("class=\"reason-file\""), "\(dom)")
        // Why the stuck document waits: the axis cannot be reached.
        #expect(dom.contains("KHÔNG kết nối được trục từ") && dom.contains("Axis UNREACHABLE since"), "\(dom)")
        // No script ran or was there to run, and the style sheet is the page's own.
        #expect(!dom.contains("<script"), "\(dom)")
        #expect(dom.contains("<link rel=\"stylesheet\" href=\"/style.css\">"), "\(dom)")
    }
}
