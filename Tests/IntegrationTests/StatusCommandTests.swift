import Foundation
import Testing

/// `lienthong status`, `list` and `show` for people and scripts, on the real binaries: LSB exit codes, the same
/// content as JSON, what waits now kept apart from lifetime totals, and an axis outage said once, not every poll.
@Suite(.serialized) struct StatusCommandTests {
    static let a = TwoAgencies.codeA

    static func status(_ world: TwoAgencies, json: Bool = false) throws -> (status: Int32, output: String) {
        try runCommand(world.lienthong, ["status", "--config", world.config(a)] + (json ? ["--json"] : []))
    }

    static func statusJSON(_ world: TwoAgencies) throws -> [String: Any] {
        let result = try status(world, json: true)
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(result.output)")
    }

    @Test func exitCodesFollowTheLSB() async throws {
        let world = try TwoAgencies()
        let never = try Self.status(world)
        #expect(never.status == 3 && never.output.contains("not running"), "\(never)")

        try world.startAxis()
        try world.startDaemon(Self.a)
        #expect(
            await eventually(timeout: 20) { (try? Self.status(world))?.status == 0 },
            "status never said running:\n\((try? Self.status(world))?.output ?? "")\n\(world.logs)")
        #expect(try Self.status(world).output.contains("daemon: running"))

        world.stopDaemons()
        let stopped = try Self.status(world)
        #expect(stopped.status == 3 && stopped.output.contains("daemon: NOT running"), "\(stopped)")

        try "agencies: [".write(toFile: world.config(Self.a), atomically: true, encoding: .utf8)
        let unknown = try Self.status(world)
        #expect(unknown.status == 4 && unknown.output.contains("status unknown"), "\(unknown)")
    }

    /// A failed document needs a person while its file is in failed/; once the clerk has moved it away it is only
    /// in the lifetime totals. The JSON says what the screen says.
    @Test func whatWaitsNowIsKeptApartFromLifetimeTotalsInTextAndJSON() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        try world.startDaemon(Self.a)
        try world.dropSidecar("so: 5\n", for: "lost.pdf", into: "000.00.00.Z99", of: Self.a)
        try world.drop(TestPDF.make(note: "lost"), named: "lost.pdf", into: "000.00.00.Z99", of: Self.a)
        let failed = world.share(Self.a) + "/failed"
        #expect(
            await eventually(timeout: 60) { world.files(under: failed).contains("lost.pdf.error.txt") },
            "\(world.logs)")

        var report = try Self.statusJSON(world)
        #expect((report["daemon"] as? [String: Any])?["state"] as? String == "running", "\(report)")
        #expect((report["lifetime"] as? [String: Int])?["failed"] == 1, "\(report)")
        let needing = try #require(report["needs_a_person"] as? [[String: Any]], "\(report)")
        #expect(needing.count == 1 && needing.first?["file_name"] as? String == "lost.pdf", "\(needing)")
        #expect((needing.first?["location"] as? String)?.hasSuffix("/failed/lost.pdf") == true, "\(needing)")
        // What the clerk reads in failed/lost.pdf.error.txt, and the last documents each way with their statuses.
        #expect((needing.first?["reason_file"] as? String)?.contains("lost.pdf") == true, "\(needing)")
        let recent = try #require(report["recent"] as? [[String: Any]], "\(report)")
        #expect(recent.count == 1 && recent.first?["statuses"] as? [Any] != nil, "\(recent)")
        #expect((report["signing_key"] as? [String: Any])?["kind"] as? String == "file", "\(report)")
        let agencies = try #require(report["agencies"] as? [[String: Any]])
        #expect(agencies.first?["code"] as? String == Self.a && agencies.first?["needs_a_person"] as? Int == 1)
        #expect(try Self.status(world).output.contains("needs a person: 1"))

        // The clerk takes the file away to send it again later: nothing needs a person now, the total stays.
        try FileManager.default.removeItem(atPath: failed + "/lost.pdf")
        report = try Self.statusJSON(world)
        #expect((report["needs_a_person"] as? [Any])?.isEmpty == true, "\(report)")
        #expect((report["lifetime"] as? [String: Int])?["failed"] == 1, "\(report)")
        let text = try Self.status(world).output
        #expect(text.contains("needs a person: 0") && text.contains("lifetime: failed 1"), "\(text)")

        // list has a header and a JSON form; show too.
        let list = try runCommand(world.lienthong, ["list", "--config", world.config(Self.a)]).output
        #expect(list.hasPrefix("ID\tSTATE\t"), "\(list)")
        let listed = try JSONSerialization.jsonObject(
            with: Data(
                try runCommand(world.lienthong, ["list", "--config", world.config(Self.a), "--json"]).output.utf8))
        let documents = try #require(listed as? [[String: Any]])
        #expect(documents.count == 1 && documents.first?["state"] as? String == "failed", "\(documents)")
        let id = try #require(documents.first?["id"] as? Int)
        let shown = try JSONSerialization.jsonObject(
            with: Data(
                try runCommand(world.lienthong, ["show", "\(id)", "--config", world.config(Self.a), "--json"]).output
                    .utf8))
        let history = try #require((shown as? [String: Any])?["history"] as? [[String: Any]])
        #expect(history.contains { $0["to_state"] as? String == "failed" }, "\(history)")
    }

    /// With the axis gone for several polls (2 s apart), the journal has one warning and status says since when;
    /// when it is back, one notice.
    @Test func anAxisOutageIsOneWarningThenOneNoticeAndStatusSaysSinceWhen() async throws {
        let world = try TwoAgencies()
        try world.startAxis()
        let daemon = try world.startDaemon(Self.a)
        #expect(await eventually(timeout: 20) { (try? Self.status(world).output.contains("axis reachable")) == true })
        world.stopAxis()
        var text = ""
        #expect(
            await eventually(timeout: 30) {
                text = (try? Self.status(world).output) ?? ""
                return text.contains("AXIS UNREACHABLE since ")
            }, "\(text)\n\(daemon.log)")
        let report = try Self.statusJSON(world)
        let agency = try #require((report["agencies"] as? [[String: Any]])?.first)
        #expect(agency["axis_unreachable_since"] is String, "\(agency)")
        // Several more polls fail (poll_interval 2 s in the demo configuration).
        let pollsBefore = daemon.log.components(separatedBy: "cannot be reached").count
        try await Task.sleep(for: .seconds(8))
        let warnings = daemon.log.components(separatedBy: "the axis cannot be reached").count - 1
        #expect(warnings == 1, "\(daemon.log)")
        #expect(daemon.log.components(separatedBy: "cannot be reached").count == pollsBefore, "\(daemon.log)")

        try world.startAxis()
        #expect(
            await eventually(timeout: 30) { daemon.log.contains("the axis can be reached again") }, "\(daemon.log)")
        #expect(await eventually(timeout: 20) { (try? Self.status(world).output.contains("axis reachable")) == true })
    }
}
