import Foundation
import Testing

/// `lienthong demo` exactly as a newcomer uses it: start it, paste the command it prints, and find the document in
/// the recipient's inbox with a valid signature. Every path it prints exists.
@Suite(.serialized) struct DemoTests {
    @Test func theCommandTheDemoPrintsCanBePastedAsIsAndEveryPathItNamesExists() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lienthong-demo-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let demo = try ChildProcess(
            name: "lienthong demo", executable: try TestBinaries.path("lienthong"),
            arguments: ["demo", "--directory", root + "/demo"], logPath: root + "/demo.log")
        defer { demo.send(SIGTERM) }
        #expect(await eventually(timeout: 60) { demo.log.contains("Stop with Ctrl-C.") }, "\(demo.log)")
        let output = demo.log

        // Every absolute path under the demo directory that the instructions name, without placeholders, exists.
        // Quoted paths may hold spaces; unquoted ones end at a space or at trailing punctuation.
        let quoted = output.matches(of: /"(\/[^"]+)"/).map { String($0.output.1) }
        let unquoted = output.replacing(/"[^"\n]*"/, with: " ").matches(of: /\/[^\s"*<>]+/).map {
            String(String($0.output).reversed().drop { ",.;:')…".contains($0) }.reversed())
        }
        let paths = (quoted + unquoted).filter { $0.hasPrefix(root + "/demo") }
        #expect(!paths.isEmpty, "\(output)")
        for path in paths {
            #expect(FileManager.default.fileExists(atPath: path), "the demo names \(path), which does not exist")
        }

        let command = try #require(
            output.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("cp ") },
            "no command to paste:\n\(output)")
        let pasted = try runCommand("/bin/sh", ["-c", String(command)])
        #expect(pasted.status == 0, "\(command): \(pasted.output)")

        let inbox = root + "/demo/agency-b/share/inbox/000.00.00.H41"
        var signatures = ""
        #expect(
            await eventually(timeout: 60) {
                let folders = (try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []
                guard let folder = folders.first(where: { $0.hasSuffix("_12-DEMO") }) else { return false }
                signatures =
                    (try? String(contentsOfFile: inbox + "/" + folder + "/signatures.txt", encoding: .utf8)) ?? ""
                return !signatures.isEmpty
            }, "the sample did not arrive at B:\n\(demo.log)")
        #expect(signatures.contains("Kết quả / Result:               HỢP LỆ / VALID"), "\(signatures)")
        #expect(!signatures.contains("CẢNH BÁO"), "\(signatures)")
    }
}
