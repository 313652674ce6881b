import Foundation
import Testing

@testable import Config

/// A valid configuration with only the required keys. Line numbers are relied on by tests:
/// 1 axis, 2 endpoint, 3 system_id, 4 secret_file, 5 signing, 6 private_key, 7 certificate, 8 agencies,
/// 9 code, 10 folders, 11 root.
let minimalYAML = """
    axis:
      endpoint: https://axis.example.gov.vn/XrdAdapter/adapter
      system_id: 000.00.00.H41
      secret_file: /etc/lienthong/axis-secret
    signing:
      private_key: /etc/lienthong/key.pem
      certificate: /etc/lienthong/cert.pem
    agencies:
      - code: 000.00.00.H41
        folders:
          root: /srv/lienthong/h41
    """

/// Parses `yaml`, which must be rejected, and returns the problems reported.
func problems(in yaml: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ConfigProblem] {
    do {
        let config = try ConfigLoader.parse(yaml: yaml, sourceName: "test.yaml")
        Issue.record("expected the configuration to be rejected, got \(config)", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.problems
    }
}

/// The single problem whose key path is `keyPath`; records an issue when there is not exactly one.
func problem(
    at keyPath: String, in problems: [ConfigProblem], sourceLocation: SourceLocation = #_sourceLocation
) -> ConfigProblem? {
    let matching = problems.filter { $0.keyPath == keyPath }
    guard matching.count == 1 else {
        Issue.record(
            "expected one problem at \(keyPath), found \(matching.count) among: \(problems)",
            sourceLocation: sourceLocation)
        return nil
    }
    return matching[0]
}

/// A fresh directory under the system temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("lienthong-config-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        path = url.path
    }

    func write(_ name: String, _ contents: String, mode: Int) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try Data(contents.utf8).write(to: URL(fileURLWithPath: file))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file)
        return file
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
