import Foundation

/// Reads a daemon's `state.db` from outside, through Python's sqlite3 (an independent reader: the test does not
/// link lienthong's own store).
struct StateDatabase {
    let path: String

    /// `PRAGMA integrity_check`: "ok" for a sound database.
    func integrityCheck() throws -> String {
        try query("PRAGMA integrity_check")
    }

    /// How many documents are in a state that still needs work from the daemon.
    func unfinishedDocuments() throws -> Int {
        let count = try query(
            "SELECT count(*) FROM documents WHERE state NOT IN ('filed', 'failed', 'acknowledged', 'quarantined')")
        guard let value = Int(count) else { throw IntegrationError("not a count: \(count)") }
        return value
    }

    /// The first column of the first row of `sql`, as text.
    func query(_ sql: String) throws -> String {
        let script = """
            import sqlite3, sys
            connection = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True, timeout=30)
            print(connection.execute(sys.argv[2]).fetchone()[0])
            """
        let result = try runCommand("/usr/bin/env", ["python3", "-c", script, path, sql])
        guard result.status == 0 else { throw IntegrationError("sqlite3 on \(path): \(result.output)") }
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
