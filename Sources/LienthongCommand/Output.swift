import Config
import Foundation

/// Writes a line to standard error (messages for the admin that are not the command's output).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A date as admins and clerks read it: in the configuration's `time_zone` (Vietnam time unless configured) to the
/// second, whatever the host's zone (servers often run in UTC), so that `status`, `list` and `show` agree with
/// `sent/<date>/`, the inbox folders and the receipts.
func localTime(_ date: Date, in zone: CivilTimeZone) -> String {
    zone.display(date)
}

/// Writes `value` as the JSON of `--json` options: sorted snake_case keys, ISO 8601 times in UTC, a final newline.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    FileHandle.standardOutput.write(try encoder.encode(value) + Data([0x0a]))
}
