import Config
import Foundation
import Logging
import StateStore
import SystemSupport
import Testing

@testable import Outbound

/// What the outbound side writes for clerks, at a chosen instant: `sent/<day>/` and the receipt in the agency's
/// `time_zone`, and reasons in `failed/` that are Vietnamese first, Vietnamese only in their paragraph, and free of
/// server paths.
@Suite struct ClerkFilesTests {
    typealias World = MetadataClaimTests.World

    /// 2026-12-31T15:30:00Z: 22:30 on New Year's Eve in Vietnam, already 00:30 on 1 January in Tokyo.
    static let newYearInTokyo = Date(timeIntervalSince1970: 1_798_731_000)

    /// Claims a document and moves it to `sent` at `time`, as the send step does.
    static func sent(in world: World, at time: Date) throws -> DocumentRecord {
        let document = try world.claim(
            try world.drop("cv.pdf", in: "000.00.00.H26", sidecar: MetadataClaimTests.sidecar))
        let id = try #require(document.id)
        _ = try world.store.transition(id, to: .signed, note: "test", now: time)
        _ = try world.store.transition(id, to: .packaged, note: "test", now: time)
        return try world.store.transition(id, to: .sent, note: "test", now: time) { $0.axisDocId = "DOC-1" }
    }

    @Test func theSentFolderAndTheReceiptAreDatedInTheAgencysZone() throws {
        let world = try World(timeZone: try #require(CivilTimeZone(identifier: "Asia/Tokyo")))
        let sent = try Self.sent(in: world, at: Self.newYearInTokyo)
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileSent(sent, now: Self.newYearInTokyo + 1)
        #expect(filed.destinationPath == world.agency.folders.sent + "/2027-01-01/cv.pdf")
        let receipt = try String(
            contentsOfFile: world.agency.folders.sent + "/2027-01-01/cv.pdf.receipt.txt", encoding: .utf8)
        #expect(receipt.contains("Thời điểm gửi / Sent at:      2027-01-01T00:30:00+09:00"), "\(receipt)")
    }

    /// The pipeline hands filing the `updatedAt` of the record the send step returned instead of reading the history
    /// back: the same instant, so the same day and receipt either way.
    @Test func theSendTimeTheDriverSawFilesAsTheHistorysDoes() throws {
        let tokyo = try #require(CivilTimeZone(identifier: "Asia/Tokyo"))
        let fromMemory = try World(timeZone: tokyo)
        let sent = try Self.sent(in: fromMemory, at: Self.newYearInTokyo)
        #expect(sent.updatedAt == Self.newYearInTokyo)
        let filer = OutboundFiler(
            agency: fromMemory.agency, store: fromMemory.store, spool: fromMemory.spool, logger: Logger(label: "t"))
        let filed = try filer.fileSent(sent, sentAt: sent.updatedAt, now: Self.newYearInTokyo + 3_600)
        #expect(filed.destinationPath == fromMemory.agency.folders.sent + "/2027-01-01/cv.pdf")
        let receipt = try String(
            contentsOfFile: fromMemory.agency.folders.sent + "/2027-01-01/cv.pdf.receipt.txt", encoding: .utf8)
        #expect(receipt.contains("Thời điểm gửi / Sent at:      2027-01-01T00:30:00+09:00"), "\(receipt)")

        // Given a time, filing uses it: one on the eve files on the eve (the history says New Year's Day).
        let given = try World(timeZone: tokyo)
        let alsoSent = try Self.sent(in: given, at: Self.newYearInTokyo)
        let eve = try OutboundFiler(
            agency: given.agency, store: given.store, spool: given.spool, logger: Logger(label: "t")
        ).fileSent(alsoSent, sentAt: Self.newYearInTokyo - 3_600, now: Self.newYearInTokyo + 3_600)
        #expect(eve.destinationPath == given.agency.folders.sent + "/2026-12-31/cv.pdf")
    }

    @Test func inVietnamTimeByDefaultTheSameInstantIsStillNewYearsEve() throws {
        let world = try World()
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileSent(try Self.sent(in: world, at: Self.newYearInTokyo))
        #expect(filed.destinationPath == world.agency.folders.sent + "/2026-12-31/cv.pdf")
    }

    /// Every reason whose technical detail is English (and may hold a path): the Vietnamese paragraph says what to do
    /// in Vietnamese alone, the English one follows, and no path of the server is left.
    @Test(arguments: [
        ClerkMessage.unsafeFile("/srv/lienthong/h41/outbox/cv.pdf is a symbolic link; lienthong sends only files"),
        ClerkMessage.unsignablePDF("cannot read /var/lib/lienthong/spool/out/7/original/cv.pdf: xref damaged"),
        ClerkMessage.unprintableNotation("the font has no glyph for U+1F600"),
        ClerkMessage.internalError("cannot sign /var/lib/lienthong/spool/out/7/original/cv.pdf: EIO"),
        ClerkMessage.folderRefused(.unsafe(name: "b.pdf", reason: "/srv/lienthong/h41/outbox/CV7/b.pdf is a link")),
    ])
    func reasonsAreVietnameseThenEnglishWithoutServerPaths(_ message: ClerkMessage) {
        let text = message.text(
            fileName: "cv.pdf", detail: "cannot sign /var/lib/lienthong/spool/out/7/original/cv.pdf: EIO")
        #expect(!text.contains("/var/lib") && !text.contains("/srv/") && !text.contains("spool"), "\(text)")
        let parts = text.components(separatedBy: "Document: cv.pdf")
        #expect(parts.count == 2 && parts[0].hasPrefix("Văn bản: cv.pdf"), "\(text)")
        for english in ["symbolic", "cannot", "glyph", "xref", "link", " the "] {
            #expect(!parts[0].contains(english), "English inside the Vietnamese paragraph:\n\(text)")
        }
    }

    /// A failure recorded without the clerk's text (by an older version) still gets a bilingual, path-free file.
    @Test func aFailureWithoutAClerkNoticeStillGetsABilingualReason() throws {
        let world = try World()
        let document = try world.claim(
            try world.drop("cv.pdf", in: "000.00.00.H26", sidecar: MetadataClaimTests.sidecar))
        let failed = try world.store.transition(try #require(document.id), to: .failed, note: "test") {
            $0.lastError = "cannot sign /var/lib/lienthong/spool/out/1/original/cv.pdf: EIO"
            $0.filingPending = true
        }
        let filer = OutboundFiler(
            agency: world.agency, store: world.store, spool: world.spool, logger: Logger(label: "t"))
        let filed = try filer.fileFailed(failed)
        let text = try String(contentsOfFile: try #require(filed.destinationPath) + ".error.txt", encoding: .utf8)
        #expect(text.hasPrefix("Văn bản: cv.pdf\nKhông gửi được do lỗi của phần mềm lienthong."), "\(text)")
        #expect(!text.contains("/var/lib"), "\(text)")
    }
}
