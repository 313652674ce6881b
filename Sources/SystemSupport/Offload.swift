/// Runs blocking work (file I/O, hashing, signing, libcurl) on threads outside Swift's cooperative pool.
///
/// The cooperative pool has one thread per core (two on a small agency server); one blocking `read` or `fsync`
/// there stalls every task. Pipelines wrap each blocking step in ``run(_:)`` instead. The work runs on
/// ``BlockingThreadPool/shared``, not on a dispatch queue (see there why).
public enum Offload {
    private static var pool: BlockingThreadPool { .shared }

    public static func run<Result: Sendable>(_ work: @escaping @Sendable () -> Result) async -> Result {
        await withCheckedContinuation { continuation in
            pool.submit { continuation.resume(returning: work()) }
        }
    }

    public static func run<Result: Sendable>(
        _ work: @escaping @Sendable () throws -> Result
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            pool.submit { continuation.resume(with: Swift.Result { try work() }) }
        }
    }
}
