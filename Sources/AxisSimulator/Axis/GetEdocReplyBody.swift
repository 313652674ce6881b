import AxisProtocol
import Foundation

/// The body of an OK getEdoc reply, `{"status":"OK",...,"data":"<base64>"}`, base64-encoding the served envelope
/// while it is sent: neither the reply nor the envelope is ever held in memory or copied to disk.
/// Pieces of any size are encoded (``Base64PieceEncoder`` carries the bytes that do not fill a group).
///
/// The length is known up front from the envelope's size (4 characters per 3 bytes, padded), so the reply carries an
/// exact Content-Length. An envelope that shrinks while it is sent makes the server close the connection.
final class GetEdocReplyBody: HTTPBodyProducer {
    private enum Stage {
        case prefix, envelope, suffix, done
    }

    private struct State {
        var stage = Stage.prefix
        var encoder = Base64PieceEncoder()
    }

    private let envelope: any HTTPBodyProducer
    private let prefix: [UInt8]
    private let suffix: [UInt8]
    private let state = Locked(State())

    /// Encodes the served envelope as `envelope` produces it (the stored file, or it with a TraceHeader).
    init(envelope: any HTTPBodyProducer) {
        self.envelope = envelope
        (prefix, suffix) = GetEdocReply.jsonParts()
    }

    var envelopeBytes: Int64 { envelope.length }

    var length: Int64 { Int64(prefix.count) + (envelopeBytes + 2) / 3 * 4 + Int64(suffix.count) }

    func nextPiece() throws -> [UInt8]? {
        try state.withLock { state in
            switch state.stage {
            case .prefix:
                state.stage = .envelope
                return self.prefix
            case .envelope:
                if let piece = try envelope.nextPiece() {
                    return state.encoder.encode(piece, final: false)
                }
                state.stage = .suffix
                return state.encoder.encode([], final: true)
            case .suffix:
                state.stage = .done
                return self.suffix
            case .done:
                return nil
            }
        }
    }

    func release() { envelope.release() }
}
