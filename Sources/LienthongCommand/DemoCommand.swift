import ArgumentParser
import Foundation

/// `lienthong demo`: a local axis and two agencies under `./demo/`, on loopback, with instructions to try them.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a self-contained demo: a local axis and two agencies under ./demo/.",
        discussion: "Stop it with Ctrl-C. Everything it writes stays under the demo directory.")

    @Option(help: "Where the demo lives.") var directory: String = "demo"
    @Option(help: "The local axis's port on 127.0.0.1 (0 = any free port).") var port: Int = 0
    @Flag(help: "Only write the configuration, keys and folders; start nothing.") var prepareOnly = false

    func run() throws {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        let chosenPort = port == 0 ? try FreePort.find() : port
        var environment = DemoEnvironment(root: root, port: chosenPort)
        if !prepareOnly { environment.statusPagePorts = try environment.agencies.map { _ in try FreePort.find() } }
        try environment.prepare()
        if prepareOnly {
            print("demo prepared in \(root) (axis port \(chosenPort))")
            return
        }
        print("starting the demo in \(root)…")
        fflush(nil)  // stdout is a file, not a terminal, under a test or a log
        let stop = SignalWaiter(signals: [SIGINT, SIGTERM])
        let binaries = URL(fileURLWithPath: CommandLine.executablePath).deletingLastPathComponent().path
        var children = ChildProcesses()
        defer { children.terminateAll() }
        try children.start(
            binaries + "/lienthong-axis", ["--config", environment.axisConfig], log: root + "/axis/axis.log")
        try FreePort.waitUntilListening(port: chosenPort, timeout: 20)
        for agency in environment.agencies {
            try children.start(
                binaries + "/lienthong", ["run", "--config", environment.agencyConfig(agency)],
                log: root + "/" + agency.folder + "/lienthong.log")
        }
        let a = environment.agencies[0]
        let b = environment.agencies[1]
        print(
            """
            lienthong demo is running: a local axis on 127.0.0.1:\(chosenPort) and two agencies.

              \(a.name) (\(a.code)):  \(environment.share(a))
              \(b.name) (\(b.code)):  \(environment.share(b))

            Try it: paste this command (it drops a sample PDF named "<number>_<subject>.pdf" into A's outbox for B)
              cp "\(environment.samplePDF)" "\(environment.share(a))/outbox/\(b.code)/"
            and within seconds it appears, with the agency's signature inside the PDF, in
              \(environment.share(b))/inbox/\(a.code)/
            The original moves to \(environment.share(a))/sent/<date>/ with a receipt.
            A file in outbox/<unknown code>/, or one without a number, ends in failed/ with a reason file.
            Several files in a folder with a document.meta.yaml (written last) travel as one document.
            A file in outbox/MAT/ (secret, văn bản mật) is never signed or sent: it goes to failed/ with the reason.

            Signatures: signatures.txt in each inbox folder says "HỢP LỆ / VALID", because both agencies trust the
            demo certificate authority that issued their certificates: \(environment.certificateAuthority)
            Check a received PDF yourself, then change one byte of a copy and check the copy:
              lienthong verify <PDF in inbox/\(a.code)/…> --trust \(environment.certificateAuthority)

            Answer at B:  lienthong answer ID 03 --config \(environment.agencyConfig(b))   (ID from lienthong list)
            Revoke at A:  lienthong revoke ID --reason "…" --config \(environment.agencyConfig(a))
            Timestamps:   uncomment timestamp_url in \(environment.agencyConfig(a)), then reload that agency
                          (a restarted demo rewrites its configuration):
                          kill -HUP $(pgrep -f 'lienthong run --config \(environment.agencyConfig(a))')

            Status pages (read-only, refreshed every 10 s):
                      \(a.code): http://127.0.0.1:\(environment.statusPagePorts[0])/
                      \(b.code): http://127.0.0.1:\(environment.statusPagePorts[1])/
            Inspect:  lienthong status --config \(environment.agencyConfig(a))
                      lienthong list --config \(environment.agencyConfig(b))
            Logs:     \(root)/*/lienthong.log, \(root)/axis/axis.log
            Stop with Ctrl-C.
            """)
        fflush(nil)  // stdout is a file, not a terminal, under a test or a log
        let signal = stop.wait { children.anyExited() }
        print(signal == nil ? "a demo process stopped; see the logs under \(root)" : "stopping the demo")
    }
}
