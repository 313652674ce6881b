import AxisProtocol
import SystemSupport

/// One HTTP request as the client hands it to libcurl, and what came back. Internal to AxisClient.
enum HTTPExchange {
    enum Body {
        case none
        case bytes([UInt8])
        /// Streamed from the file's current offset; `size` bytes are announced as Content-Length.
        case file(FileDescriptor, size: Int64)
    }

    enum Sink {
        /// The reply is collected in memory; more than `limit` bytes aborts the transfer.
        case memory(limit: Int)
        /// A document download. A 2xx reply goes to the writer as it arrives: as is when `acceptsRaw` and it is neither
        /// declared JSON nor starts with `{` (downloadEdoc); otherwise it is read as a getEdoc reply by
        /// ``GetEdocReplyScanner`` and only the decoded document is written. Any other reply (an error page) is
        /// collected in memory up to `replyLimit` so it can be reported.
        case document(DurableFileWriter, replyLimit: Int, acceptsRaw: Bool)
    }

    struct Request {
        let method: String
        let url: String
        let headers: [(name: String, value: String)]
        let body: Body
        let sink: Sink
        /// Whole-request limit; nil for none.
        let timeout: Duration?
        /// Abort when no byte moved in either direction for this long (e.g. waiting for a reply); nil for none.
        var stallTimeout: Duration? = nil
        /// Open a new connection instead of reusing a kept-alive one (see `CurlTransport`).
        var freshConnection = false
        /// The client key or PKCS#12 password, handed to libcurl only.
        var keyPassword: String? = nil
    }

    struct Response {
        let status: Int
        let contentType: String?
        /// The reply body when it was collected in memory.
        let body: [UInt8]
        /// Bytes written to the document file (0 when the reply went to memory).
        let bytesToFile: Int64
        /// Bytes of the reply body as they came off the network, before any decoding.
        let bodyBytes: Int64
        let uploadedBytes: Int64
        /// What a getEdoc-shaped reply said, or why it could not be read; nil when the reply was not read as one
        /// (collected in memory, or a raw document).
        let documentReply: Result<GetEdocReplyScanner.Outcome, AxisReplyError>?
    }

    enum Failure: Error {
        case curl(code: Int, message: String)
        case local(SystemError)
        case replyTooLarge(limit: Int)
        /// A getEdoc-shaped reply broke off mid-transfer (not JSON, broken syntax or base64).
        case reply(AxisReplyError)
        case cancelled
        /// Nothing moved for the request's stall timeout.
        case stalled(Duration)
    }

    struct Outcome {
        let result: Result<Response, Failure>
        /// True when the whole request body was handed to the network (always true for bodiless requests that
        /// connected; false when nothing could be sent).
        let bodyFullySent: Bool
    }
}
