import AxisProtocol
import Foundation
import StateStore
import Testing

@testable import Inbound

/// A status message whose `sendEdoc` reply was lost is found among what the axis says we sent, whatever its clock
/// says, and never confused with another status of ours about the same document.
@Suite struct SentStatusLookupTests {
    static let agency = "000.00.00.H26"
    static let sender = "000.00.00.H41"
    /// 2026-12-31 18:00:00 UTC: when our send began, on our clock.
    static let started = Date(timeIntervalSince1970: 1_798_740_000)

    static var document: DocumentRecord {
        var document = DocumentRecord(
            direction: .inbound, agency: agency, fileName: "12.pdf", counterpart: sender, codeNotation: "12/DEMO",
            axisDocId: "in-1")
        document.id = 5
        return document
    }

    static func item(_ docId: String, code: String, hoursOff: Int = 0, notation: String = "12/DEMO") -> SentEdocItem {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return SentEdocItem(
            senderDocId: docId, fromCode: agency, toCode: sender, title: "Trang thai \(code)", notation: notation,
            sentTime: formatter.string(from: started.addingTimeInterval(TimeInterval(hoursOff * 3600 + 1))))
    }

    static func match(_ code: String, _ items: [SentEdocItem], owned: Set<String> = []) -> String? {
        SentStatusLookup.match(
            code: code, from: agency, about: document, sentSince: started, in: items, owned: owned)
    }

    @Test(arguments: [-14, -7, 0, 1, 8, 14])
    func ourStatusIsFoundWhateverTheAxisClockSays(_ hours: Int) {
        #expect(Self.match("01", [Self.item("s-1", code: "01", hoursOff: hours)]) == "s-1")
    }

    @Test func aStatusAnotherRecordOwnsIsNeverTakenSoCodesAreToldApartWithoutTitles() {
        let items = [
            SentEdocItem(senderDocId: "s-01", fromCode: Self.agency, toCode: Self.sender, notation: "12/DEMO"),
            SentEdocItem(senderDocId: "s-03", fromCode: Self.agency, toCode: Self.sender, notation: "12/DEMO"),
        ]
        #expect(Self.match("03", items, owned: ["s-01"]) == "s-03")
        #expect(Self.match("03", items, owned: ["s-01", "s-03"]) == nil)
    }

    @Test func aTitleNamingTheCodeIsPreferred() {
        let items = [Self.item("s-01", code: "01"), Self.item("s-03", code: "03")]
        #expect(Self.match("03", items) == "s-03")
        #expect(Self.match("01", items) == "s-01")
    }

    @Test func anotherDocumentRecipientOrAStatusFromDaysBeforeIsNotOurs() {
        let items = [
            Self.item("other-number", code: "01", notation: "13/DEMO"),
            Self.item("days-before", code: "01", hoursOff: -72),
            SentEdocItem(
                senderDocId: "other-recipient", fromCode: Self.agency, toCode: "000.00.00.G22", notation: "12/DEMO"),
        ]
        #expect(Self.match("01", items) == nil)
    }
}
