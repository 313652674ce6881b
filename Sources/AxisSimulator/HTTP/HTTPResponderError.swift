/// Why a response body could not be sent as announced; the connection is then closed, since the client would
/// otherwise wait for bytes that never come.
enum HTTPResponderError: Error, CustomStringConvertible {
    case bodyLongerThanAnnounced(Int64)
    case bodyShorterThanAnnounced(Int64, sent: Int64)

    var description: String {
        switch self {
        case .bodyLongerThanAnnounced(let length):
            "the response body ran past its announced Content-Length of \(length) bytes"
        case .bodyShorterThanAnnounced(let length, let sent):
            "the response body ended after \(sent) of its announced \(length) bytes"
        }
    }
}
