import AxisProtocol
import AxisSimulator
import Foundation
import Testing

/// `/admin/faults` driven through real sockets: each kind, counts, caller filters, ordering, validation, threads.
@Suite("Fault injection")
struct FaultInjectionTests {
    static func document(_ subject: String = UUID().uuidString) -> [UInt8] {
        TestEnvelopes.document(from: "vxp.saas.03", to: [TestAxis.ngheAnCode], subject: subject)
    }

    static func addRule(_ axis: TestAxis, _ json: String) throws -> TestHTTPClient.Response {
        let reply = try axis.admin("POST", "/admin/faults", json: json)
        #expect(reply.status == 200, "POST /admin/faults refused \(json): \(reply.text)")
        return reply
    }

    static func rules(_ axis: TestAxis) throws -> [[String: Any]] {
        try axis.admin("GET", "/admin/faults").json["rules"] as? [[String: Any]] ?? []
    }

    @Test func httpStatusRuleAnswersTheNextCountCallsThenIsUsedUp() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(axis, #"{"method":"sendEdoc","count":2,"fault":{"kind":"http_status","status":503}}"#)
        let listed = try Self.rules(axis)
        #expect(listed.count == 1)
        #expect(listed.first?["remaining"] as? Int == 2)
        #expect(listed.first?["method"] as? String == "sendEdoc")
        #expect((listed.first?["fault"] as? [String: Any])?["status"] as? Int == 503)

        let first = try axis.send(Self.document(), from: "vxp.saas.03")
        #expect(first.status == 503)
        #expect(first.headers["content-type"]?.hasPrefix("text/html") == true)
        #expect(try Self.rules(axis).first?["remaining"] as? Int == 1)
        #expect(try axis.send(Self.document(), from: "vxp.saas.03").status == 503)
        let third = try axis.send(Self.document(), from: "vxp.saas.03")
        #expect(third.status == 200)
        #expect(third.json["status"] as? String == "OK")
        #expect(try Self.rules(axis).isEmpty)

        let stats = try axis.adminStats()
        #expect((stats["faults_injected"] as? [String: Int])?["sendEdoc"] == 2)
        #expect((stats["documents_by_sender"] as? [String: Int])?["vxp.saas.03"] == 1)
        #expect((stats["calls"] as? [String: Int])?["sendEdoc"] == 3)
    }

    @Test func failRuleRepliesFAILWithHTTP200AndTheGivenErrorCodeAndDescription() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(
            axis,
            #"{"method":"sendEdoc","fault":{"kind":"fail","error_code":-1,"error_description":"Don vi gui "#
                + #"002.00.20.H13 khong dung voi ma da dang ky: vxp.saas.03"}}"#)
        let reply = try axis.send(Self.document(), from: "vxp.saas.03")
        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "FAIL")
        #expect(reply.json["ErrorCode"] as? String == "-1")
        #expect(
            reply.json["ErrorDesc"] as? String
                == "Don vi gui 002.00.20.H13 khong dung voi ma da dang ky: vxp.saas.03")
        #expect(try axis.adminStats()["documents_stored"] as? Int == 0)
        #expect(try axis.send(Self.document(), from: "vxp.saas.03").json["status"] as? String == "OK")
    }

    @Test func delayRuleHoldsTheReplyThenHandlesTheCallNormally() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(axis, #"{"method":"sendEdoc","fault":{"kind":"delay","milliseconds":400}}"#)
        let started = Date()
        let reply = try axis.send(Self.document(), from: "vxp.saas.03")
        #expect(Date().timeIntervalSince(started) >= 0.4)
        #expect(reply.json["status"] as? String == "OK")
        #expect(try axis.adminStats()["documents_stored"] as? Int == 1)
        #expect((try axis.adminStats()["faults_injected"] as? [String: Int])?["sendEdoc"] == 1)
    }

    @Test func resetRuleResetsTheConnectionWithoutHandlingTheCall() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(axis, #"{"method":"sendEdoc","fault":{"kind":"reset"}}"#)
        do {
            _ = try axis.send(Self.document(), from: "vxp.saas.03")
            Issue.record("a reset connection produced a reply")
        } catch let error as TestHTTPClient.ClientError {
            #expect(error.description.contains("errno \(ECONNRESET)"), "expected ECONNRESET, got \(error)")
        }
        let stats = try axis.adminStats()
        #expect(stats["documents_stored"] as? Int == 0)
        #expect((stats["faults_injected"] as? [String: Int])?["sendEdoc"] == 1)
        #expect(try axis.send(Self.document(), from: "vxp.saas.03").json["status"] as? String == "OK")
    }

    @Test func storeThenDropStoresTheDocumentOnceAndClosesWithoutAReply() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(axis, #"{"method":"sendEdoc","count":1,"fault":{"kind":"store_then_drop"}}"#)
        do {
            _ = try axis.send(Self.document("stored then dropped"), from: "vxp.saas.03")
            Issue.record("store_then_drop produced a reply")
        } catch let error as TestHTTPClient.ClientError {
            #expect(error.description.contains("closed before a full response head"), "got \(error)")
        }
        let stats = try axis.adminStats()
        #expect((stats["documents_by_sender"] as? [String: Int])?["vxp.saas.03"] == 1)
        #expect((stats["pending_by_recipient"] as? [String: Int])?[TestAxis.ngheAnCode] == 1)
        let sent = try axis.call(.getSentEdocList, parameters: [("servicetype", "eDoc"), ("messagetype", "edoc")])
        let items = sent.json["data"] as? [[String: Any]] ?? []
        #expect(items.map { $0["toCode"] as? String } == [TestAxis.ngheAnCode])
    }

    @Test func storeThenDropWaitsForACallThatCommits() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(axis, #"{"method":"sendEdoc","fault":{"kind":"store_then_drop"}}"#)
        let refused = try axis.send(Self.document(), from: "vxp.saas.03", hashFile: "0")
        #expect(refused.json["status"] as? String == "FAIL")
        #expect(try Self.rules(axis).count == 1)
        #expect(throws: TestHTTPClient.ClientError.self) { _ = try axis.send(Self.document(), from: "vxp.saas.03") }
        #expect(try Self.rules(axis).isEmpty)
    }

    @Test func aRuleWithASystemIdAppliesOnlyToThatCaller() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(
            axis,
            #"{"method":"getAgenciesList","system_id":"00.41.W00","fault":{"kind":"http_status","status":500}}"#)
        #expect(try axis.call(.getAgenciesList, credentials: TestAxis.saas).status == 200)
        #expect(try axis.call(.getAgenciesList, credentials: TestAxis.ngheAn).status == 500)
        #expect(try axis.call(.getAgenciesList, credentials: TestAxis.ngheAn).status == 200)
    }

    @Test func rulesForOneMethodApplyInTheOrderTheyWereAdded() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let added = try Self.addRule(
            axis,
            #"[{"method":"countReceiveEdoc","fault":{"kind":"http_status","status":502}},"#
                + #"{"method":"countReceiveEdoc","fault":{"kind":"fail","error_code":"99"}}]"#)
        #expect((added.json["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }.count == 2)
        #expect(try axis.call(.countReceiveEdoc).status == 502)
        #expect(try axis.call(.countReceiveEdoc).json["ErrorCode"] as? String == "99")
        #expect(try axis.call(.countReceiveEdoc).json["count"] as? Int == 0)
    }

    @Test func deleteClearsEveryRuleAndResetCountersZeroesFaultCounts() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(axis, #"{"method":"getEdoc","count":5,"fault":{"kind":"reset"}}"#)
        _ = try Self.addRule(
            axis, #"{"method":"getAgenciesList","count":3,"fault":{"kind":"http_status","status":503}}"#)
        #expect(try axis.call(.getAgenciesList).status == 503)
        #expect(try Self.rules(axis).map { $0["remaining"] as? Int } == [5, 2])

        let cleared = try axis.admin("DELETE", "/admin/faults")
        #expect(cleared.json["cleared"] as? Int == 2)
        #expect(try Self.rules(axis).isEmpty)
        #expect(try axis.call(.getAgenciesList).status == 200)

        #expect((try axis.adminStats()["faults_injected"] as? [String: Int])?["getAgenciesList"] == 1)
        #expect(try axis.admin("POST", "/admin/reset-counters").status == 200)
        #expect((try axis.adminStats()["faults_injected"] as? [String: Int]) == [:])
    }

    @Test func invalidRulesAreRefusedWith400NamingTheFieldAndAddNothing() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        let cases: [(String, String)] = [
            (#"{"method":"sendEdoc","fault":{"kind":"explode"}}"#, "fault.kind"),
            (#"{"method":"sendEdoc","fault":{"kind":"http_status"}}"#, "fault.status is required"),
            (#"{"method":"sendEdoc","fault":{"kind":"http_status","status":"503"}}"#, "fault.status must be"),
            (#"{"method":"sendDoc","fault":{"kind":"reset"}}"#, "sendDoc is not one of"),
            (#"{"method":"sendEdoc","count":0,"fault":{"kind":"reset"}}"#, "count"),
            (#"{"method":"sendEdoc","times":2,"fault":{"kind":"reset"}}"#, "unknown field times"),
            (#"{"method":"sendEdoc","fault":{"kind":"delay","milliseconds":-5}}"#, "fault.milliseconds"),
            (#"{"method":"sendEdoc"}"#, "fault is required"),
            (#"[{"method":"sendEdoc","fault":{"kind":"reset"}},{"method":"x"}]"#, "x is not one of"),
            ("not json", "not a JSON rule"),
        ]
        for (json, fragment) in cases {
            let reply = try axis.admin("POST", "/admin/faults", json: json)
            #expect(reply.status == 400, "\(json) was accepted")
            #expect(reply.text.contains(fragment), "\(json): \(reply.text)")
        }
        #expect(try Self.rules(axis).isEmpty)
        #expect(try axis.admin("PUT", "/admin/faults").status == 405)
    }

    @Test func concurrentCallsUseUpACountedRuleExactlyOnceEach() throws {
        let axis = try TestAxis()
        defer { axis.shutdown() }
        _ = try Self.addRule(
            axis, #"{"method":"getAgenciesList","count":5,"fault":{"kind":"http_status","status":503}}"#)
        let statuses = StatusBox()
        let group = DispatchGroup()
        for _ in 0..<20 {
            group.enter()
            Thread {
                let status = (try? axis.call(.getAgenciesList).status) ?? -1
                statuses.append(status)
                group.leave()
            }.start()
        }
        group.wait()
        let all = statuses.values
        #expect(all.count == 20)
        #expect(all.filter { $0 == 503 }.count == 5)
        #expect(all.filter { $0 == 200 }.count == 15)
        #expect((try axis.adminStats()["faults_injected"] as? [String: Int])?["getAgenciesList"] == 5)
    }
}

/// Statuses collected from several threads.
final class StatusBox: @unchecked Sendable {
    private var collected: [Int] = []
    private let lock = NSLock()
    func append(_ status: Int) {
        lock.lock()
        collected.append(status)
        lock.unlock()
    }
    var values: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
