import Daemon
import Foundation
import Hummingbird
import SystemSupport

/// The page's four paths, each answering GET and HEAD: `/` (HTML), `/style.css`, `/api/status` (the JSON of
/// `lienthong status --json`, same encoder) and `/metrics` (Prometheus text format). Anything else is 404.
enum StatusPageRouter {
    static func make(
        source: any StatusSource, metrics: StatusPageMetrics, refreshSeconds: Int
    ) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        for method in [HTTPRequest.Method.get, .head] {
            router.on("/", method: method) { request, _ in
                let report = try await report(from: source)
                let languages = PageLanguage.shown(for: request.uri.queryParameters.get("lang"))
                let html = StatusPageHTML(report: report, languages: languages, refreshSeconds: refreshSeconds)
                return response(html.render(), type: "text/html; charset=utf-8")
            }
            router.on("/style.css", method: method) { _, _ in
                response(StatusPageStyle.css, type: "text/css; charset=utf-8")
            }
            router.on("/api/status", method: method) { _, _ in
                let json = try await report(from: source).json()
                return response(json, type: "application/json")
            }
            router.on("/metrics", method: method) { _, _ in
                let report = try? await report(from: source)
                return response(metrics.exposition(of: report), type: "text/plain; version=0.0.4; charset=utf-8")
            }
        }
        return router
    }

    /// Reads the report off the cooperative threads (SQLite, the disks); 503 while the daemon is starting.
    private static func report(from source: any StatusSource) async throws -> StatusReport {
        do {
            return try await Offload.run { try source.statusReport() }
        } catch let error as StatusUnavailable {
            throw HTTPError(.serviceUnavailable, message: error.description)
        }
    }

    private static func response(_ text: String, type: String) -> Response {
        response(Array(text.utf8), type: type)
    }

    private static func response(_ bytes: [UInt8], type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
