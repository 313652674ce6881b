import Foundation
import Glibc

/// Talks to `lienthong-axis`'s admin endpoint over loopback (a few lines of HTTP/1.0; the test needs nothing more):
/// counters, and the fault rules of `POST`/`DELETE /admin/faults`.
struct AdminClient {
    let port: Int

    func stats() throws -> [String: Any] {
        let body = try get("/admin/stats")
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw IntegrationError("admin stats are not a JSON object: \(body)")
        }
        return object
    }

    /// Adds a fault rule, e.g. `{"method":"sendEdoc","count":2,"fault":{"kind":"http_status","status":503}}`.
    func addFault(_ json: String) throws {
        let reply = try request("POST", "/admin/faults", body: Array(json.utf8))
        guard reply.status == 200 else { throw IntegrationError("POST /admin/faults \(json): \(reply.body)") }
    }

    /// Removes every fault rule.
    func clearFaults() throws {
        let reply = try request("DELETE", "/admin/faults")
        guard reply.status == 200 else { throw IntegrationError("DELETE /admin/faults: \(reply.body)") }
    }

    func get(_ path: String) throws -> String {
        try request("GET", path).body
    }

    /// One request on a fresh connection; the status code and the body.
    func request(_ method: String, _ path: String, body: [UInt8] = []) throws -> (status: Int, body: String) {
        let reply = try LoopbackHTTP.exchange(
            port: port, service: "the admin port", head: "\(method) \(path) HTTP/1.0\r\nHost: 127.0.0.1",
            contentType: "application/json", body: body)
        return (reply.status, reply.body)
    }
}
