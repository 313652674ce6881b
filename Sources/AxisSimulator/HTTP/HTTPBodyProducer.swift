/// A response body made while it is sent, of a length known before the first byte (it goes in Content-Length).
///
/// For bodies too large to build in memory or worth not copying to disk first, such as a getEdoc reply that
/// base64-encodes a stored envelope on the fly. The server pulls the body piece by piece, each ``nextPiece()`` on a
/// thread that may block (``Offload``), and writes each piece before asking for the next, so a slow client slows
/// the producer down instead of filling memory.
public protocol HTTPBodyProducer: Sendable {
    /// Exactly the number of bytes the pieces add up to.
    var length: Int64 { get }

    /// The next piece of the body, or nil after the last one. Called one call at a time, never concurrently.
    /// Pieces adding up to fewer or more than ``length`` bytes are an error the server reports by closing the
    /// connection.
    func nextPiece() throws -> [UInt8]?

    /// Releases what the producer holds (an open file, a temporary file). Called exactly once, whether or not the
    /// body was sent.
    func release()
}
