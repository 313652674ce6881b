import Config
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// `lienthong retry` of a failed revoke, update or replace request: the request is queued again on its own record
/// from its copy in `failed/`, or refused with what to do instead.
@Suite struct BusinessRequestRetryTests {
    typealias World = BusinessRequesterTests.World

    /// Queues a revoke, claims it as the daemon does, then fails it and files it in `failed/` as the daemon does.
    static func failedRevoke(in world: World) throws -> DocumentRecord {
        let request = try world.requester.revoke(world.original.id!, reason: "Sai nơi nhận")
        let logger = Logger(label: "test")
        let claimer = OutboxClaimer(
            agency: world.agency, store: world.store, spool: world.spool, limits: world.limits, logger: logger,
            clock: ClaimClock.fixed)
        let claimed = try claimer.finishClaim(request)
        let failed = try world.store.markFailed(
            claimed, reason: "the axis refused the document", clerk: .rejectedByAxis("Khong tim thay"))
        let filed = try OutboundFiler(agency: world.agency, store: world.store, spool: world.spool, logger: logger)
            .fileFailed(failed)
        let destination = try #require(filed.destinationPath)
        #expect(destination.hasPrefix(world.agency.folders.failed + "/"))
        #expect(FileManager.default.fileExists(atPath: destination + ".meta.yaml"))
        return filed
    }

    static func error(_ body: () throws(BusinessRequestError) -> DocumentRecord) -> BusinessRequestError? {
        BusinessRequesterTests.error(body)
    }

    @Test func aFailedRevokeIsQueuedAgainOnItsRecordAndPackagedAsTheSameRevoke() throws {
        let world = try World()
        let failed = try Self.failedRevoke(in: world)
        let inFailed = try #require(failed.destinationPath)

        let queued = try world.requester.requeue(failed)
        #expect(queued.id == failed.id)
        #expect(queued.state == .detected)
        #expect(queued.destinationPath == nil && queued.clerkNotice == nil && !queued.filingPending)
        let staged = try #require(queued.sourcePath)
        #expect(staged.hasPrefix(world.root + "/state/spool/requests/") && staged != failed.sourcePath)
        #expect(FileManager.default.fileExists(atPath: staged + ".meta.yaml"))
        for stale in [inFailed, inFailed + ".meta.yaml", inFailed + ".error.txt"] {
            #expect(!FileManager.default.fileExists(atPath: stale), "\(stale) is still in failed/")
        }
        #expect(try world.store.events(of: failed.id!).contains { $0.message.hasPrefix("retried by an administrator") })
        #expect(
            try world.store.events(of: world.original.id!).contains {
                $0.message == "revoke request #\(failed.id!) retried by an administrator"
            })

        // The daemon's claim accepts the new copy (its identity is the one recorded) and the envelope is the revoke.
        let message = try world.package(queued)
        #expect(message.business?.docTypeKind == .revoke)
        #expect(message.business?.documentId == BusinessRequesterTests.documentId)
        #expect(message.business?.docReason == "Sai nơi nhận")
    }

    @Test func aRetryIsRefusedWithTheCommandToRunWhenTheFileLeftFailed() throws {
        let world = try World()
        let failed = try Self.failedRevoke(in: world)
        try FileManager.default.removeItem(atPath: try #require(failed.destinationPath))
        let foldersBefore = world.stagingFolders

        let error = Self.error { () throws(BusinessRequestError) in try world.requester.requeue(failed) }
        guard case .requestFileMissing(let id, _, let again)? = error else {
            Issue.record("expected a refusal naming the missing file, got \(String(describing: error))")
            return
        }
        #expect(id == failed.id)
        #expect(again.hasPrefix("lienthong revoke \(world.original.id!) --reason"))
        #expect(error?.description.contains("make a new request with `lienthong revoke") == true)
        #expect(try world.store.document(failed.id!)?.state == .failed, "a refused retry changed the record")
        #expect(world.stagingFolders == foldersBefore, "a refused retry left files: \(world.stagingFolders)")
    }

    @Test func aRetryIsRefusedWhenAnotherRevokeOfTheDocumentWasMadeMeanwhile() throws {
        let world = try World()
        let failed = try Self.failedRevoke(in: world)
        let second = try world.requester.revoke(world.original.id!, reason: "Lần hai")

        let error = Self.error { () throws(BusinessRequestError) in try world.requester.requeue(failed) }
        guard case .refused(.revokePending(world.original.id!, request: second.id!, state: .detected))? = error else {
            Issue.record("a second pending revoke did not stop the retry: \(String(describing: error))")
            return
        }
        #expect(try world.store.document(failed.id!)?.state == .failed)
        #expect(FileManager.default.fileExists(atPath: try #require(failed.destinationPath)))
    }

    @Test func aRequestStillBeingFiledOrNotFailedIsRefused() throws {
        let world = try World()
        let request = try world.requester.revoke(world.original.id!, reason: "Sai nơi nhận")
        guard
            case .notFailed(request.id!, state: .detected)? = Self.error({ () throws(BusinessRequestError) in
                try world.requester.requeue(request)
            })
        else {
            Issue.record("a request still on its way was queued again")
            return
        }
        let failing = try world.store.markFailed(request, reason: "x", clerk: .rejectedByAxis("x"))
        guard
            case .filingInProgress(request.id!)? = Self.error({ () throws(BusinessRequestError) in
                try world.requester.requeue(failing)
            })
        else {
            Issue.record("a request whose files are still being filed was queued again")
            return
        }
        guard
            case .notARequest(world.original.id!)? = Self.error({ () throws(BusinessRequestError) in
                try world.requester.requeue(world.original)
            })
        else {
            Issue.record("a plain document was treated as a request")
            return
        }
    }
}
