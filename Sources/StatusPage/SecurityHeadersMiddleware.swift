import HTTPTypes
import Hummingbird

/// Puts the security headers on every response, errors included, and answers only GET and HEAD (405 with `Allow`
/// otherwise): the page is read-only.
///
/// The Content-Security-Policy allows nothing but the page's own style sheet and images: no script at all, no
/// frame, no form, no other origin.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: HTTPFields {
        var fields = HTTPFields()
        fields[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
            + "frame-ancestors 'none'"
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        fields[.cacheControl] = "no-store"
        return fields
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        if request.method == .get || request.method == .head {
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            } catch {
                context.logger.error("status page: \(request.uri.path): \(error)")
                response = Response(
                    status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: "internal error; see journalctl -u lienthong\n")))
            }
        } else {
            response = Response(
                status: .methodNotAllowed,
                headers: [.allow: "GET, HEAD", .contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "the status page is read-only: only GET and HEAD\n")))
        }
        for field in Self.headers { response.headers[field.name] = field.value }
        if request.method == .head { response.body = .init() }
        return response
    }
}
