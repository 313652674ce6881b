import Dispatch

/// Runs blocking work (file I/O, hashing, signing, libcurl) on threads outside Swift's cooperative pool.
///
/// The cooperative pool has one thread per core (two on a small agency server); one blocking `read` or `fsync`
/// there stalls every task. Pipelines wrap each blocking step in ``run(_:)`` instead.
public enum Offload {
    private static let queue = DispatchQueue(label: "lienthong.blocking", qos: .utility, attributes: .concurrent)

    public static func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: work()) }
        }
    }

    public static func run<Result: Sendable>(
        _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}
