import Foundation

/// `lienthong-bench`: parses the command line, runs ``Benchmark`` in a fresh scratch directory (always removed),
/// prints the figures and returns the exit status.
enum BenchmarkCommand {
    static let usageExitCode: Int32 = 64

    static func main(arguments: [String]) async -> Int32 {
        let options: BenchmarkOptions
        do throws(BenchmarkUsageError) {
            guard let parsed = try BenchmarkOptions.parse(arguments) else {
                Console.out(BenchmarkOptions.usage)
                return 0
            }
            options = parsed
        } catch {
            Console.error("lienthong-bench: \(error)\n\n\(BenchmarkOptions.usage)")
            return usageExitCode
        }

        let parent = options.workDirectory ?? FileManager.default.temporaryDirectory.path
        let scratch = (parent as NSString).appendingPathComponent("lienthong-bench-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: false)
        } catch {
            Console.error(
                "lienthong-bench: cannot create the scratch directory \(scratch): \(error.localizedDescription); "
                    + "give an existing, writable --work-dir")
            return 1
        }
        defer { try? FileManager.default.removeItem(atPath: scratch) }

        let method = MemoryMethod.detect()
        let attachmentBytes = Int64(options.sizeMiB) << 20
        Console.out("lienthong-bench: \(options.sizeMiB) MiB attachment in \(scratch)")
        Console.out("memory: \(method); baseline RSS \(ResultTable.mib(ProcessMemory.residentBytes() ?? 0)) MiB")
        let benchmark = Benchmark(
            attachmentBytes: attachmentBytes, directory: scratch, method: method,
            progress: { Console.out(ResultTable.progressLine($0)) })
        let results: [StepResult]
        do throws(BenchmarkError) {
            results = try await benchmark.run()
        } catch {
            Console.error("lienthong-bench: \(error)")
            return 1
        }
        Console.out("")
        Console.out(ResultTable.render(results))
        let failed = results.filter { !$0.passed }
        Console.out(
            failed.isEmpty
                ? "PASS: memory stayed flat in every step and every hash matched"
                : "FAIL: \(failed.map(\.name).joined(separator: ", "))")
        return failed.isEmpty ? 0 : 1
    }
}
