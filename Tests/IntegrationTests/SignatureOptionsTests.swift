import Foundation
import Testing

/// The signature options on the real binaries: A timestamps its signatures through the demo axis's RFC 3161
/// authority (PAdES B-T) and shows the Decree 30 visible box; B, trusting A's certificate and the authority, reports
/// the signature valid with its timestamp.
@Suite(.serialized) struct SignatureOptionsTests {
    @Test func aTimestampedPDFWithTheVisibleBoxArrivesValidWithItsTimestampAndShowsTheNumberNotation() async throws {
        let world = try TwoAgencies()
        let a = TwoAgencies.codeA
        let b = TwoAgencies.codeB
        let axisDirectory = world.root + "/axis"
        let port = try #require(
            try String(contentsOfFile: world.config(a), encoding: .utf8)
                .firstMatch(of: /endpoint: "http:\/\/127\.0\.0\.1:(\d+)\//)?.1)
        try world.editConfig(a) { yaml in
            yaml.replacingOccurrences(
                of: "  # timestamp_url: \"http://127.0.0.1:\(port)/tsa\"\n",
                with: "  timestamp_url: \"http://127.0.0.1:\(port)/tsa\"\n"
            )
            .replacingOccurrences(
                of: "    filename_pattern:",
                with: "    visible_signature:\n      folders: [\"*\"]\n    filename_pattern:")
        }
        try world.trustOnly([world.home(a) + "/agency-cert.pem", axisDirectory + "/tsa-cert.pem"], at: b)
        #expect(try String(contentsOfFile: world.config(a), encoding: .utf8).contains("\n  timestamp_url: "))
        try world.startAxis()
        try world.startDaemon(a)
        try world.startDaemon(b)

        try world.drop(TestPDF.make(note: "B-T"), named: "12_Giấy mời họp.pdf", into: b, of: a)
        #expect(
            await eventually(timeout: 90) { !world.inboxFiles(named: "signatures.txt", of: b).isEmpty },
            "B did not receive the document:\n\(world.files(under: world.share(b)))\n\(world.logs)")

        let (folder, report) = try #require(world.inboxFiles(named: "signatures.txt", of: b).first)
        #expect(report.contains("Kết quả / Result:               HỢP LỆ / VALID"), "\(report)")
        let stamp = try #require(report.split(separator: "\n").first { $0.hasPrefix("Dấu thời gian / Timestamp:") })
        #expect(stamp.contains("lienthong demo TSA") && stamp.hasSuffix("(hợp lệ / valid)"), "\(stamp)")

        let pdf = world.share(b) + "/inbox/" + folder + "/12_Giấy mời họp.pdf"
        let (status, text) = try runCommand("/usr/bin/pdftotext", ["-f", "1", "-l", "1", pdf, "-"])
        #expect(status == 0, "\(text)")
        #expect(text.contains("12/DEMO"), "the visible box is missing from page 1:\n\(text)")
        // The box's time is Vietnam time, whatever the host's zone: compare instants, not the host's calendar year.
        let shown = try #require(
            text.firstMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/).map { String($0.output) },
            "no ISO 8601 signing time in Vietnam time:\n\(text)")
        let signedAt = try #require(ISO8601DateFormatter().date(from: shown))
        #expect(abs(signedAt.timeIntervalSinceNow) < 600, "\(shown) is not the signing time")
    }
}
