/// One HTTP request as the client hands it to libcurl, and what came back. Internal to AxisClient.
enum HTTPExchange {
    enum Body {
        case none
        case bytes([UInt8])
        /// Streamed from the file's current offset; `size` bytes are announced as Content-Length.
        case file(LocalFile, size: Int64)
    }

    enum Sink {
        /// The reply is collected in memory; more than `limit` bytes aborts the transfer.
        case memory(limit: Int)
        /// A 2xx non-JSON reply is streamed to `file`; anything else (an error page, a JSON FAIL) is collected in
        /// memory up to `replyLimit` so it can be reported.
        case document(LocalFile, replyLimit: Int)
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
        let uploadedBytes: Int64
    }

    enum Failure: Error {
        case curl(code: Int, message: String)
        case local(LocalFile.Failure)
        case replyTooLarge(limit: Int)
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
