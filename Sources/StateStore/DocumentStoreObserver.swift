/// Told of every state move and failed attempt once it is durable: the one place where counters and latencies of
/// the document state machine are measured (the status page's `/metrics`).
///
/// Called on the database's writer queue right after the commit, so it must return quickly and never touch the
/// store; it is never called for a transaction that rolled back.
public protocol DocumentStoreObserver: Sendable {
    func committed(_ steps: [CommittedStep])
}
