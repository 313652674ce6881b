import Foundation

/// Answers `POST /tsa` on the axis listener with the test timestamp authority and hands every other request to the
/// axis. Installed only when the configuration has a `timestamp_authority:` block.
final class TimestampRoute: HTTPHandler {
    static let path = "/tsa"
    /// An RFC 3161 request is a few hundred bytes; anything much larger is not one.
    static let maximumRequestBytes: Int64 = 64 * 1024

    private let responder: TimestampResponder
    private let next: any HTTPHandler

    init(responder: TimestampResponder, next: any HTTPHandler) {
        self.responder = responder
        self.next = next
    }

    /// `handler` behind a `/tsa` route when `configuration` is set, else `handler` itself.
    static func wrapping(_ handler: any HTTPHandler, configuration: AxisTimestampAuthorityConfiguration?)
        throws(TimestampResponderError) -> any HTTPHandler
    {
        guard let configuration else { return handler }
        return TimestampRoute(responder: try TimestampResponder(configuration: configuration), next: handler)
    }

    func handle(_ request: HTTPRequest) -> HTTPResponse {
        guard request.path == Self.path else { return next.handle(request) }
        guard request.method == "POST" else {
            var response = HTTPResponse.text("the timestamp authority answers POST only", status: 405)
            response.headers = HTTPHeaders([("Allow", "POST"), ("Content-Type", "text/plain; charset=utf-8")])
            return response
        }
        let contentType = request.headers["Content-Type"]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        guard contentType == "application/timestamp-query" else {
            return .text("send an RFC 3161 request as application/timestamp-query", status: 415)
        }
        guard case .file(let path, let length, _) = request.body, length <= Self.maximumRequestBytes,
            let body = FileManager.default.contents(atPath: path)
        else { return .text("the request body is missing or larger than 64 KiB", status: 400) }
        guard let reply = responder.respond(to: Array(body)) else {
            return .text("the timestamp authority could not encode a reply", status: 500)
        }
        return HTTPResponse(
            status: 200, headers: HTTPHeaders([("Content-Type", "application/timestamp-reply")]), body: .bytes(reply))
    }
}
