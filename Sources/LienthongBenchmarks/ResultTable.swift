import Foundation

/// Formats step results as a fixed-width text table followed by one verdict line per step.
enum ResultTable {
    static func render(_ results: [StepResult]) -> String {
        var lines = [
            row(
                "step", "size (MiB)", "seconds", "MiB/s", "peak RSS (MiB)", "peak RSS growth (MiB)", "sha-256",
                "verdict"),
            String(repeating: "-", count: 120),
        ]
        for result in results {
            lines.append(
                row(
                    result.name, mib(result.bytes), String(format: "%.2f", result.seconds),
                    String(format: "%.1f", result.mibPerSecond), mib(result.peakBytes), mib(result.peakGrowthBytes),
                    hashText(result.hashMatches), result.verdict))
        }
        lines.append("")
        for result in results {
            var line = "\(result.name): \(result.verdict) (peak RSS +\(mib(result.peakGrowthBytes)) MiB, limit "
                + "\(StepResult.flatLimitBytes >> 20) MiB)"
            if result.hashMatches == false { line += "; SHA-256 DIFFERS from the source" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// One line of progress while the benchmark runs.
    static func progressLine(_ result: StepResult) -> String {
        "\(result.name): \(mib(result.bytes)) MiB in \(String(format: "%.2f", result.seconds)) s, peak RSS "
            + "\(mib(result.peakBytes)) MiB (+\(mib(result.peakGrowthBytes)) MiB)"
    }

    static func mib(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    private static func hashText(_ matches: Bool?) -> String {
        switch matches {
        case .some(true): "equal"
        case .some(false): "DIFFERS"
        case .none: "-"
        }
    }

    private static func row(
        _ step: String, _ size: String, _ seconds: String, _ rate: String, _ peak: String, _ growth: String,
        _ hash: String, _ verdict: String
    ) -> String {
        pad(step, 16) + leftPad(size, 11) + leftPad(seconds, 10) + leftPad(rate, 10) + leftPad(peak, 16)
            + leftPad(growth, 24)
            + "  " + pad(hash, 9) + verdict
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    private static func leftPad(_ text: String, _ width: Int) -> String {
        text.count >= width ? " " + text : String(repeating: " ", count: width - text.count) + text
    }
}
