import AxisProtocol
import Foundation
import StateStore
import Testing

@testable import Outbound

/// A document whose `sendEdoc` reply was lost is recognised in `getSentEdocList` whatever the axis's clock says,
/// and never confused with a document another record owns or one sent long before.
@Suite struct SentDocumentMatchTests {
    static let agency = "000.00.00.H41"
    static let recipient = "000.00.00.H26"
    /// 2026-12-31 18:00:00 UTC (01:00 on New Year's Day in Vietnam): our clock when the file was detected.
    static let detected = Date(timeIntervalSince1970: 1_798_740_000)

    static func document(notation: String = "12/DEMO", at created: Date = detected) -> DocumentRecord {
        var document = DocumentRecord(
            direction: .outbound, agency: agency, fileName: "12_Giấy mời.pdf", recipients: [recipient],
            subject: "Giấy mời họp", codeNotation: notation, now: created)
        document.id = 7
        return document
    }

    /// What the axis lists for a document it stored at `stored` (our clock), its clock `offset` seconds off ours
    /// and written as Vietnam time.
    static func item(_ docId: String, notation: String = "12/DEMO", stored: Date, offset: TimeInterval)
        -> SentEdocItem
    {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return SentEdocItem(
            senderDocId: docId, fromCode: agency, toCode: recipient, title: "Giấy mời họp", notation: notation,
            sentTime: formatter.string(from: stored.addingTimeInterval(offset)))
    }

    /// One of our documents the axis already gave a DocId, sent at `started` (our clock).
    static func owner(_ docId: String, notation: String, started: Date) -> DocumentRecord {
        var owner = document(notation: notation, at: started)
        owner.id = 3
        owner.axisDocId = docId
        owner.sendStartedAt = started
        return owner
    }

    @Test(arguments: [-14, -7, -1, 0, 1, 8, 14] as [Int])
    func ourDocumentIsFoundWhateverTheAxisClockSaysWithoutASample(_ hours: Int) {
        let offset = TimeInterval(hours * 3600)
        let items = [Self.item("axis-1", stored: Self.detected.addingTimeInterval(2), offset: offset)]
        #expect(SentDocumentMatch(items: items, ownedBy: []).find(Self.document()) == "axis-1")
    }

    @Test(arguments: [-7, 1, 8] as [Int])
    func theOffsetIsLearntFromADocIdWeOwn(_ hours: Int) {
        let offset = TimeInterval(hours * 3600)
        let earlier = Self.detected.addingTimeInterval(-600)
        let items = [
            Self.item("axis-0", notation: "11/DEMO", stored: earlier.addingTimeInterval(1), offset: offset),
            Self.item("axis-1", stored: Self.detected.addingTimeInterval(2), offset: offset),
        ]
        let match = SentDocumentMatch(
            items: items, ownedBy: [Self.owner("axis-0", notation: "11/DEMO", started: earlier)])
        #expect(abs((match.offset ?? .nan) - offset) <= 1)
        #expect(match.find(Self.document()) == "axis-1")
    }

    /// Same number, sent by other software two hours before we even saw our file: with a learnt offset it cannot be
    /// ours, and it is not taken for it.
    @Test func anEarlierDocumentOfTheSameNumberIsNotTakenOnceTheOffsetIsKnown() {
        let offset: TimeInterval = -7 * 3600
        let items = [
            Self.item("axis-0", notation: "11/DEMO", stored: Self.detected.addingTimeInterval(-60), offset: offset),
            Self.item("other", stored: Self.detected.addingTimeInterval(-7_200), offset: offset),
        ]
        let owner = Self.owner("axis-0", notation: "11/DEMO", started: Self.detected.addingTimeInterval(-61))
        let match = SentDocumentMatch(items: items, ownedBy: [owner])
        #expect(match.find(Self.document()) == nil)
    }

    @Test func aDocumentOfTheSameNumberSentDaysAgoIsNeverOursEvenWithoutASample() {
        let items = [Self.item("old", stored: Self.detected.addingTimeInterval(-3 * 86_400), offset: 0)]
        #expect(SentDocumentMatch(items: items, ownedBy: []).find(Self.document()) == nil)
    }

    @Test func aDocIdAnotherRecordOwnsIsNeverTaken() {
        let items = [Self.item("axis-1", stored: Self.detected.addingTimeInterval(2), offset: 0)]
        let owners = [Self.owner("axis-1", notation: "12/DEMO", started: Self.detected.addingTimeInterval(1))]
        #expect(SentDocumentMatch(items: items, ownedBy: owners).find(Self.document()) == nil)
    }

    @Test func anotherNumberSenderOrRecipientIsNotOurs() {
        let stored = Self.detected.addingTimeInterval(2)
        var foreignRecipient = Self.item("to-other", stored: stored, offset: 0)
        foreignRecipient = SentEdocItem(
            senderDocId: "to-other", fromCode: Self.agency, toCode: "000.00.00.G22", title: foreignRecipient.title,
            notation: "12/DEMO", sentTime: foreignRecipient.sentTime)
        let items = [Self.item("number", notation: "13/DEMO", stored: stored, offset: 0), foreignRecipient]
        #expect(SentDocumentMatch(items: items, ownedBy: []).find(Self.document()) == nil)
    }

    @Test func withoutANotationNothingCanBeMatched() {
        let items = [Self.item("axis-1", stored: Self.detected, offset: 0)]
        #expect(SentDocumentMatch(items: items, ownedBy: []).find(Self.document(notation: " ")) == nil)
    }
}
