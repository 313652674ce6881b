import AxisProtocol
import AxisSimulator
import Foundation
import Testing

@Suite("Admin listener")
struct AdminStatisticsTests {
    @Test func statsCountCallsPerMethodAndTheSameContentStoredTwice() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        _ = try axis.send(envelope, from: "vxp.saas.03")
        _ = try axis.send(envelope, from: "vxp.saas.03")
        _ = try axis.send(TestEnvelopes.document(from: "vxp.saas.03", to: [TestAxis.ngheAnCode]), from: "vxp.saas.03")
        _ = try axis.received()
        _ = try axis.send(envelope, from: "vxp.saas.03", hashFile: "0")

        let stats = try axis.adminStats()
        let calls = stats["calls"] as? [String: Int]
        #expect(calls?["sendEdoc"] == 4)
        #expect(calls?["getReceivedEdocList"] == 1)
        #expect((stats["failed_calls"] as? [String: Int])?["sendEdoc"] == 1)
        #expect(stats["documents_stored"] as? Int == 3)
        #expect((stats["documents_by_sender"] as? [String: Int])?["vxp.saas.03"] == 3)
        #expect((stats["documents_by_recipient"] as? [String: Int])?[TestAxis.ngheAnCode] == 1)
        let duplicates = stats["duplicates"] as? [[String: Any]] ?? []
        #expect(duplicates.count == 1)
        #expect(duplicates.first?["count"] as? Int == 2)
        #expect(stats["duplicate_documents"] as? Int == 1)
        #expect((stats["pending_by_recipient"] as? [String: Int])?["vxp.saas.03"] == 2)
    }

    @Test func resetCountersZeroesCallsAndDocumentCountsButKeepsTheQueue() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let envelope = try TestEnvelopes.realDocument()
        _ = try axis.send(envelope, from: "vxp.saas.03")
        _ = try axis.send(envelope, from: "vxp.saas.03")

        let client = try TestHTTPClient(port: axis.ports.admin)
        let reset = try client.request(method: "POST", path: "/admin/reset-counters", headers: [])
        #expect(reset.status == 200)

        _ = try axis.send(envelope, from: "vxp.saas.03")
        let stats = try axis.adminStats()
        #expect((stats["calls"] as? [String: Int])?["sendEdoc"] == 1)
        #expect(stats["documents_stored"] as? Int == 1)
        #expect(stats["duplicate_documents"] as? Int == 0)
        #expect((stats["pending_by_recipient"] as? [String: Int])?["vxp.saas.03"] == 3)
    }

    @Test func adminRejectsUnknownPathsAndWrongMethods() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let client = try TestHTTPClient(port: axis.ports.admin)
        #expect(try client.request(method: "GET", path: "/admin/nothing", headers: []).status == 404)
        #expect(try client.request(method: "DELETE", path: "/admin/stats", headers: []).status == 405)
    }
}
