import Foundation
import Testing

/// `lienthong answer` and status request files on the real binaries: agency B answers a document A sent, by command
/// or by a file dropped next to the document, and A's receipt in `sent/` shows the status.
@Suite(.serialized) struct AnswerTests {
    static let sender = TwoAgencies.codeA
    static let recipient = TwoAgencies.codeB

    static func lienthong(_ world: TwoAgencies, _ arguments: [String], as code: String = recipient) throws
        -> (status: Int32, output: String)
    {
        try runCommand(world.lienthong, arguments + ["--config", world.config(code)])
    }

    /// B's `#N` for the received document whose first attachment is `name`.
    static func receivedId(of name: String, in world: TwoAgencies) throws -> String {
        let list = try lienthong(world, ["list", "--direction", "in"])
        let line = try #require(
            list.output.split(separator: "\n").first { $0.hasSuffix("\t" + name) },
            "\(name) not listed:\n\(list.output)")
        return String(line.prefix { $0 != "\t" }.dropFirst())
    }

    /// B's inbox folder holding `name`.
    static func inboxFolder(of name: String, in world: TwoAgencies) throws -> String {
        let inbox = world.share(recipient) + "/inbox"
        let path = try #require(world.files(under: inbox).first { $0.hasSuffix("/" + name) })
        return inbox + "/" + (path as NSString).deletingLastPathComponent
    }

    /// A's receipt text for `name` in `sent/`.
    static func receipt(of name: String, in world: TwoAgencies) -> String {
        let sent = world.share(sender) + "/sent"
        guard let path = world.files(under: sent).first(where: { $0.hasSuffix("/" + name + ".receipt.txt") }) else {
            return ""
        }
        return (try? String(contentsOfFile: sent + "/" + path, encoding: .utf8)) ?? ""
    }

    @Test func anAnswerByCommandReachesTheSendersReceiptAndWaitsWhileTheDaemonIsDown() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "51_Tiep nhan.pdf"
        _ = try await AxisFaultTests.deliver(name, in: world)
        let id = try Self.receivedId(of: name, in: world)
        #expect(
            await eventually(timeout: 30) {
                Self.receipt(of: name, in: world).contains("status 01 from \(Self.recipient)")
            },
            "no status 01:\n\(world.logs)")

        let accept = try Self.lienthong(world, ["answer", id, "03"])
        #expect(accept.status == 0, "\(accept.output)")
        #expect(accept.output.contains("status 03 (accepted and registered) queued"), "\(accept.output)")
        #expect(accept.output.contains("asked lienthong"), "\(accept.output)")
        #expect(
            await eventually(timeout: 30) {
                Self.receipt(of: name, in: world).contains(
                    "trạng thái 03 (Đã tiếp nhận) từ \(Self.recipient) / status 03 from \(Self.recipient) "
                        + "(accepted and registered): Đã tiếp nhận")
            }, "A's receipt has no status 03:\n\(Self.receipt(of: name, in: world))\n\(world.logs)")
        let show = try Self.lienthong(world, ["show", id]).output
        #expect(show.contains("03 accepted and registered: sent"), "\(show)")
        let folder = try Self.inboxFolder(of: name, in: world)
        let log = (try? String(contentsOfFile: folder + "/answers.txt", encoding: .utf8)) ?? ""
        #expect(log.contains("03 Đã tiếp nhận / accepted and registered"), "answers.txt: \(log)")

        // The same code again, or going back, is refused with the reason why.
        let again = try Self.lienthong(world, ["answer", id, "03"])
        #expect(again.status == 1 && again.output.contains("was already sent"), "\(again.output)")
        let reject = try Self.lienthong(world, ["answer", id, "02", "--reason", "muộn"])
        #expect(reject.status == 1 && reject.output.contains("already accepted"), "\(reject.output)")

        // Without a daemon the answer waits in the database and goes when lienthong runs again.
        world.daemons[Self.recipient]?.stop()
        let assigned = try Self.lienthong(world, ["answer", id, "04"])
        #expect(
            assigned.status == 0 && assigned.output.contains("will be sent when lienthong runs"), "\(assigned.output)")
        try world.startDaemon(Self.recipient)
        #expect(
            await eventually(timeout: 30) {
                Self.receipt(of: name, in: world).contains("status 04 from \(Self.recipient)")
            },
            "status 04 was not sent after the restart:\n\(world.logs)")
    }

    @Test func requestFilesAnswerWithTheirReasonAndBadOnesAreRenamedWithTheError() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "52_Tu choi.pdf"
        _ = try await AxisFaultTests.deliver(name, in: world)
        let folder = try Self.inboxFolder(of: name, in: world)

        let reason = "Văn bản không thuộc thẩm quyền giải quyết"
        try Data(reason.utf8).write(to: URL(fileURLWithPath: folder + "/answer-02.txt"))
        try Data("ghi chú".utf8).write(to: URL(fileURLWithPath: folder + "/answer-07.txt"))
        #expect(
            await eventually(timeout: 45) {
                Self.receipt(of: name, in: world).contains(
                    "status 02 from \(Self.recipient) (rejected): Từ chối tiếp nhận: \(reason)")
            }, "A's receipt has no status 02 with the reason:\n\(Self.receipt(of: name, in: world))\n\(world.logs)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        #expect(names.contains("answer-02.queued.txt") && !names.contains("answer-02.txt"), "\(names)")
        let error = (try? String(contentsOfFile: folder + "/answer-07.error.txt", encoding: .utf8)) ?? ""
        #expect(
            error.hasPrefix("ghi chú") && error.contains("This status was NOT sent"), "answer-07.error.txt: \(error)")

        // Accepting after rejecting makes no sense: the file says so.
        try Data().write(to: URL(fileURLWithPath: folder + "/tra-loi-03.txt"))
        #expect(
            await eventually(timeout: 30) { FileManager.default.fileExists(atPath: folder + "/tra-loi-03.error.txt") },
            "tra-loi-03.txt was not refused:\n\(world.logs)")
        let refused = (try? String(contentsOfFile: folder + "/tra-loi-03.error.txt", encoding: .utf8)) ?? ""
        #expect(refused.contains("đã bị từ chối (02)") && refused.contains("rejected (02)"), "\(refused)")
    }

    @Test func usageMistakesExit64AndUnknownOrOutboundDocumentsExit1() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "53_Sai.pdf"
        let outboundId = try await AxisFaultTests.deliver(name, in: world)
        let id = try Self.receivedId(of: name, in: world)

        let unknown = try Self.lienthong(world, ["answer", "9999", "03"])
        #expect(unknown.status == 1 && unknown.output.contains("no document #9999"), "\(unknown.output)")
        let noReason = try Self.lienthong(world, ["answer", id, "02"])
        #expect(noReason.status == 64 && noReason.output.contains("needs a reason"), "\(noReason.output)")
        let badCode = try Self.lienthong(world, ["answer", id, "07"])
        #expect(badCode.status == 64 && badCode.output.contains("03 (accept)"), "\(badCode.output)")
        let request = try Self.lienthong(world, ["answer", id, "15"])
        #expect(request.status == 1 && request.output.contains("not a revoke, update or replace request"))
        let outbound = try Self.lienthong(world, ["answer", outboundId, "03"], as: Self.sender)
        #expect(outbound.status == 1 && outbound.output.contains("this agency sent"), "\(outbound.output)")
    }

    @Test func aRevokeRequestLeavesNoticesInBothFoldersAndTheAgreementReachesTheSender() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "54_Thu hoi.pdf"
        let id = try await AxisFaultTests.deliver(name, in: world)
        let earlierFolder = try Self.inboxFolder(of: name, in: world)
        let reason = "Gửi nhầm nơi nhận"
        let revoke = try Self.lienthong(world, ["revoke", id, "--reason", reason], as: Self.sender)
        #expect(revoke.status == 0, "\(revoke.output)")

        let inbox = world.share(Self.recipient) + "/inbox"
        #expect(
            await eventually(timeout: 90) { world.files(under: inbox).contains { $0.hasSuffix("/THONG-BAO.txt") } },
            "no notice in B's inbox:\n\(world.files(under: inbox))\n\(world.logs)")
        let noticePath = inbox + "/" + (world.files(under: inbox).first { $0.hasSuffix("/THONG-BAO.txt") } ?? "")
        let notice = try String(contentsOfFile: noticePath, encoding: .utf8)
        #expect(notice.hasPrefix("THÔNG BÁO: YÊU CẦU THU HỒI VĂN BẢN\nNOTICE: REQUEST TO REVOKE A DOCUMENT\n"))
        // The earlier folder as the clerk finds it on the share (inbox/<sender>/<folder>), not the server's path.
        let earlierOnTheShare = earlierFolder.split(separator: "/").suffix(3).joined(separator: "/")
        #expect(notice.contains("Lý do / Reason: \(reason)") && notice.contains(earlierOnTheShare), "\(notice)")
        #expect(!notice.contains(world.root), "a server path in the notice:\n\(notice)")
        let requestFolder = (noticePath as NSString).deletingLastPathComponent
        let json = try String(contentsOfFile: requestFolder + "/document.json", encoding: .utf8)
        #expect(json.contains("\"business\"") && json.contains(reason), "\(json)")
        let earlierNames = (try? FileManager.default.contentsOfDirectory(atPath: earlierFolder)) ?? []
        #expect(earlierNames.contains { $0.hasPrefix("THONG-BAO-THU-HOI-") }, "\(earlierNames)")

        let marker = try #require(notice.range(of: #"lienthong answer (\d+) 15"#, options: .regularExpression))
        let requestId = String(notice[marker].split(separator: " ")[2])
        let show = try Self.lienthong(world, ["show", requestId]).output
        #expect(show.contains("request:") && show.contains("REQUEST TO REVOKE A DOCUMENT"), "\(show)")
        let agree = try Self.lienthong(world, ["answer", requestId, "15"])
        #expect(agree.status == 0, "\(agree.output)")
        #expect(
            await eventually(timeout: 45) {
                Self.receipt(of: name, in: world).contains("status 15 from \(Self.recipient)")
            },
            "A's receipt has no status 15:\n\(Self.receipt(of: name, in: world))\n\(world.logs)")
    }

    @Test func transientFailuresAreRetriedAndAPermanentRefusalFailsTheAnswerWithTheAxisMessage() async throws {
        let world = try AxisFaultTests.world(faults: [])
        let name = "55_Loi truc.pdf"
        _ = try await AxisFaultTests.deliver(name, in: world)
        let id = try Self.receivedId(of: name, in: world)
        #expect(
            await eventually(timeout: 30) {
                Self.receipt(of: name, in: world).contains("status 01 from \(Self.recipient)")
            },
            "no status 01:\n\(world.logs)")

        // Two HTTP 503 replies, then the axis takes it: 03 arrives once.
        try world.admin.addFault(
            #"{"method":"sendEdoc","system_id":"000.00.00.H26","count":2,"fault":{"kind":"http_status","status":503}}"#)
        #expect(try Self.lienthong(world, ["answer", id, "03"]).status == 0)
        #expect(
            await eventually(timeout: 45) {
                Self.receipt(of: name, in: world).contains("status 03 from \(Self.recipient)")
            },
            "03 was not retried to success:\n\(world.logs)")
        #expect(Self.receipt(of: name, in: world).components(separatedBy: "status 03 from").count == 2)
        let retried = try Self.lienthong(world, ["show", id]).output
        #expect(retried.contains("status 03 not sent: sending status 03") && retried.contains("HTTP 503"), "\(retried)")

        // A refusal the axis means: the answer fails with its words, shown by show and status; nothing more is sent.
        let message = "Van ban khong hop le: trang thai khong duoc chap nhan"
        try world.admin.addFault(
            #"{"method":"sendEdoc","system_id":"000.00.00.H26","count":1,"fault":{"kind":"fail","error_code":"-1","#
                + #""error_description":""# + message + #""}}"#)
        let before = (try? world.admin.stats()["calls"] as? [String: Int])??["sendEdoc"] ?? 0
        #expect(try Self.lienthong(world, ["answer", id, "04"]).status == 0)
        var show = ""
        #expect(
            await eventually(timeout: 30) {
                show = (try? Self.lienthong(world, ["show", id]).output) ?? ""
                return show.contains("04 assigned for handling: failed")
            }, "04 did not fail:\n\(show)\n\(world.logs)")
        #expect(show.contains(message), "\(show)")
        let status = try Self.lienthong(world, ["status"]).output
        #expect(status.contains("status 04 failed: the axis refused status 04: \(message)"), "\(status)")
        try await Task.sleep(for: .seconds(3))
        let after = (try? world.admin.stats()["calls"] as? [String: Int])??["sendEdoc"] ?? 0
        #expect(after == before + 1, "a refused answer is not sent again")
        // Asked again once the cause is gone, it goes through.
        #expect(try Self.lienthong(world, ["answer", id, "04"]).status == 0)
        #expect(
            await eventually(timeout: 30) {
                Self.receipt(of: name, in: world).contains("status 04 from \(Self.recipient)")
            },
            "04 asked again was not sent:\n\(world.logs)")
    }
}
