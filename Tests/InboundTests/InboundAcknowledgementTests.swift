import AxisProtocol
import Foundation
import StateStore
import Testing

@testable import Inbound

@Suite struct InboundAcknowledgementTests {
    static func copy(
        _ id: Int64, _ state: DocumentState, agency: String = "000.00.00.H26", failPending: Bool = false,
        reason: String? = nil
    ) -> DocumentRecord {
        var record = DocumentRecord(
            direction: .inbound, agency: agency, fileName: "", axisDocId: "d-1", now: Date(timeIntervalSince1970: 0))
        record.id = id
        record.state = state
        record.failAcknowledgementPending = failPending
        record.quarantineReason = reason
        record.lastError = reason
        return record
    }

    @Test func nothingIsSaidWhileACopyIsStillBeingFetchedOrDelivered() {
        for unfinished: DocumentState in [.listed, .downloaded] {
            let copies = [Self.copy(1, .delivered), Self.copy(2, unfinished, agency: "000.00.00.H41")]
            #expect(InboundAcknowledgement(copies: copies, localRoots: []) == nil)
        }
    }

    @Test func oneDeliveredCopyMakesItDoneForEveryCopyWaiting() throws {
        let copies = [
            Self.copy(1, .delivered), Self.copy(2, .delivered, agency: "000.00.00.H41"),
            Self.copy(3, .quarantined, agency: "000.00.00.G22", failPending: true, reason: "bad signature"),
        ]
        let acknowledgement = try #require(InboundAcknowledgement(copies: copies, localRoots: []))
        #expect(acknowledgement.status == .done)
        #expect(acknowledgement.description == nil)
        #expect(acknowledgement.copies == [1, 2, 3])
    }

    @Test func everyCopyQuarantinedMakesItFailWithTheFirstReasonWithoutLocalPaths() throws {
        let reason =
            "Tệp hỏng.\nattachment 1: cannot unwrap the ZIP attachment /var/lib/lienthong/spool/in/1/a.bin: corrupt"
        let copies = [
            Self.copy(1, .quarantined, failPending: true, reason: reason),
            Self.copy(2, .quarantined, agency: "000.00.00.H41", failPending: false, reason: "other"),
        ]
        let acknowledgement = try #require(InboundAcknowledgement(copies: copies, localRoots: []))
        #expect(acknowledgement.status == .fail)
        #expect(acknowledgement.description == "attachment 1: cannot unwrap the ZIP attachment [local file]: corrupt")
        #expect(acknowledgement.copies == [1])
    }

    @Test func settledCopiesGiveTheStatusToRepeatWithNoCopyToChange() throws {
        let done = try #require(
            InboundAcknowledgement(copies: [Self.copy(1, .acknowledged)], localRoots: []))
        #expect(done.status == .done)
        #expect(done.copies.isEmpty)
        let failed = try #require(
            InboundAcknowledgement(copies: [Self.copy(1, .quarantined, reason: "x")], localRoots: []))
        #expect(failed.status == .fail)
        #expect(failed.copies.isEmpty)
        #expect(InboundAcknowledgement(copies: [], localRoots: []) == nil)
    }
}
