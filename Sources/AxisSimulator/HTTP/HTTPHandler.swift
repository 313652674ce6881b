/// What an ``HTTPServer`` calls for each request, on the connection's own thread.
///
/// The request body file exists only until `handle` returns; copy it if it must outlive the call.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest) -> HTTPResponse
}
