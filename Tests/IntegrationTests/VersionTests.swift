import Foundation
import LienthongVersion
import Testing

/// `--version` on every executable prints the one version written in `LienthongVersion` (which debian/rules also
/// checks debian/changelog against).
@Suite struct VersionTests {
    @Test func bothExecutablesPrintTheVersionFromLienthongVersion() throws {
        for name in ["lienthong", "lienthong-axis"] {
            let result = try runCommand(try TestBinaries.path(name), ["--version"])
            #expect(result.status == 0, "\(name): \(result.output)")
            let printed = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(printed == LienthongVersion.current, "\(name)")
        }
    }
}
