/// A response body written while it is sent, of a length known before the first byte (it goes in Content-Length).
///
/// For bodies too large to build in memory or worth not copying to disk first, such as a getEdoc reply that
/// base64-encodes a stored envelope on the fly.
public protocol HTTPBodyProducer: Sendable {
    /// Exactly the number of bytes ``produce(into:)`` writes.
    var length: Int64 { get }

    /// Writes the body through `write`, in pieces. Writing fewer or more than ``length`` bytes is an error the
    /// server reports by closing the connection.
    func produce(into write: (UnsafeRawBufferPointer) throws -> Void) throws

    /// Releases what the producer holds (a temporary file). Called exactly once, whether or not the body was sent.
    func release()
}
