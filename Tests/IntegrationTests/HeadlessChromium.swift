import Foundation

/// Debian's `chromium`, run headless to render a page as a person's browser would and dump the resulting DOM.
enum HeadlessChromium {
    /// The browser, or an error saying how to install it: CI installs it (scripts/install-debian-packages.sh), so a
    /// missing browser fails the test instead of skipping it.
    static func path() throws -> String {
        for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw IntegrationError(
            "headless Chromium is missing: install it with `apt-get install -y --no-install-recommends chromium` "
                + "(scripts/install-debian-packages.sh does)")
    }

    /// The DOM of `url` after the page has loaded, as Chromium serialises it (`--dump-dom`). Runs as root too
    /// (`--no-sandbox`), with a throwaway profile, and is killed after `timeout` seconds.
    static func dumpDOM(_ url: String, timeout: TimeInterval = 90) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path())
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--user-data-dir=\(profile.path)",
            "--dump-dom", url,
        ]
        let output = Pipe()
        let errors = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        guard process.terminationStatus == 0 else {
            throw IntegrationError("chromium exited with \(process.terminationStatus) on \(url)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
