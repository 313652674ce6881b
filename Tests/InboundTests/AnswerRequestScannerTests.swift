import Config
import Foundation
import Logging
import StateStore
import Testing

@testable import Inbound

/// An agency with one received, acknowledged document whose inbox folder exists, in a fresh temporary directory.
final class AnswerFolderFixture {
    let directory: String
    let store: DocumentStore
    let folder: String
    let documentId: Int64
    let scanner: AnswerRequestScanner

    init(businessDocType: String? = nil) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("answers-\(UUID().uuidString)").path
        folder = directory + "/share/inbox/000.00.00.H41/2026-11-20_12-UBND-VP"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try DocumentStore(path: directory + "/state.db")
        let record = DocumentRecord(
            direction: .inbound, agency: "000.00.00.H26", fileName: "a.pdf", counterpart: "000.00.00.H41",
            axisDocId: "ax-1")
        let id = try #require(try store.insertInboundIfNew(record, note: "listed").0.id)
        try store.transition(id, to: .downloaded, note: "downloaded")
        let folder = self.folder
        try store.transition(id, to: .delivered, note: "delivered") {
            $0.destinationPath = folder
            $0.businessDocType = businessDocType
        }
        try store.transition(id, to: .acknowledged, note: "acknowledged")
        documentId = id
        let agency = AgencyConfig(
            code: "000.00.00.H26", name: "B", folders: AgencyFolders(root: directory + "/share"),
            watch: WatchSettings(settleTime: .seconds(2)))
        scanner = AnswerRequestScanner(agency: agency, store: store, logger: Logger(label: "test"))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func drop(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
    }

    func names() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }

    func text(_ name: String) throws -> String { try String(contentsOfFile: folder + "/" + name, encoding: .utf8) }

    /// A scan as if the files had been quiet for a minute.
    @discardableResult
    func scanLater() -> [AnswerRequestScanner.Outcome] { scanner.scan(now: Date().addingTimeInterval(60)) }
}

@Suite struct AnswerRequestScannerTests {
    @Test func aRequestFileIsQueuedWithItsReasonAndRenamedQueued() throws {
        let fixture = try AnswerFolderFixture()
        try fixture.drop("answer-03.txt", Array("Đã vào sổ.".utf8))
        #expect(fixture.scanLater() == [.queued(.accepted, renamedTo: "answer-03.queued.txt")])
        #expect(try fixture.names() == ["answer-03.queued.txt"])
        let answers = try fixture.store.answers(of: fixture.documentId)
        #expect(answers.map(\.code) == [.accepted] && answers.first?.reason == "Đã vào sổ.")
        #expect(answers.first?.origin == AnswerRecord.fileOrigin(fixture.folder + "/answer-03.txt"))
        #expect(fixture.scanLater().isEmpty, "a renamed request is not read again")
    }

    @Test func aBadRequestIsRenamedErrorKeepingTheClerksTextThenVietnameseThenEnglish() throws {
        let fixture = try AnswerFolderFixture()
        try fixture.drop("answer-99.txt", Array("ghi chú của văn thư".utf8))
        let outcomes = fixture.scanLater()
        #expect(outcomes == [.refused(.refused(.unknownCode("99")), renamedTo: "answer-99.error.txt")])
        #expect(try fixture.names() == ["answer-99.error.txt"])
        let text = try fixture.text("answer-99.error.txt")
        #expect(text.hasPrefix("ghi chú của văn thư"))
        let vietnamese = try #require(text.range(of: "KHÔNG gửi trạng thái này"))
        let english = try #require(text.range(of: "This status was NOT sent"))
        #expect(vietnamese.lowerBound < english.lowerBound)
        #expect(try fixture.store.answers(of: fixture.documentId).isEmpty)
    }

    @Test func anAnswerOutOfOrderIsRefusedInTheFolderWithTheReasonWhy() throws {
        let fixture = try AnswerFolderFixture()
        try fixture.drop("tra-loi-05.txt", [])
        #expect(
            fixture.scanLater() == [
                .refused(.refused(.notAcceptedYet(asked: .processing)), renamedTo: "tra-loi-05.error.txt")
            ])
        #expect(try fixture.text("tra-loi-05.error.txt").contains("gửi 03 trước"))
    }

    @Test func anEmptyRejectionWaitsForTheClerkToTypeThenIsRefused() throws {
        let fixture = try AnswerFolderFixture()
        try fixture.drop("answer-02.txt", [])
        #expect(fixture.scanner.scan(now: Date().addingTimeInterval(30)).isEmpty, "the clerk may still be typing")
        #expect(try fixture.names() == ["answer-02.txt"])
        let outcomes = fixture.scanner.scan(now: Date().addingTimeInterval(600))
        #expect(outcomes == [.refused(.refused(.reasonRequired(.rejected)), renamedTo: "answer-02.error.txt")])
    }

    @Test func aFileStillBeingWrittenIsLeftForALaterScan() throws {
        let fixture = try AnswerFolderFixture()
        try fixture.drop("answer-03.txt", [])
        #expect(fixture.scanner.scan(now: Date()).isEmpty)
        #expect(try fixture.names() == ["answer-03.txt"])
    }

    @Test func aSymbolicLinkNamedLikeARequestIsNeitherFollowedNorTouched() throws {
        let fixture = try AnswerFolderFixture()
        let outside = fixture.directory + "/secret.txt"
        try Data("03".utf8).write(to: URL(fileURLWithPath: outside))
        try FileManager.default.createSymbolicLink(
            atPath: fixture.folder + "/answer-03.txt", withDestinationPath: outside)
        #expect(fixture.scanLater().isEmpty)
        #expect(try fixture.names() == ["answer-03.txt"])
        #expect(try fixture.store.answers(of: fixture.documentId).isEmpty)
    }

    @Test func aHugeRequestIsRefusedAndKeptWhole() throws {
        let fixture = try AnswerFolderFixture()
        let size = 3 * AnswerRequestFile.maximumBytes
        try fixture.drop("answer-02.txt", [UInt8](repeating: 0x61, count: size))
        #expect(
            fixture.scanLater() == [
                .refused(.tooLarge(limit: AnswerRequestFile.maximumBytes), renamedTo: "answer-02.error.txt")
            ])
        let text = try fixture.text("answer-02.error.txt")
        #expect(text.hasPrefix(String(repeating: "a", count: size)))
        #expect(text.contains("16 KiB"))
    }

    @Test func aRequestAlreadyQueuedBeforeACrashIsRenamedQueuedNotRefused() throws {
        let fixture = try AnswerFolderFixture()
        try fixture.drop("answer-03.txt", [])
        try fixture.store.queueAnswer(
            documentId: fixture.documentId, code: .accepted, reason: nil,
            origin: AnswerRecord.fileOrigin(fixture.folder + "/answer-03.txt"))
        #expect(fixture.scanLater() == [.queued(.accepted, renamedTo: "answer-03.queued.txt")])
        #expect(try fixture.store.answers(of: fixture.documentId).count == 1)
    }

    @Test func requestAnswersNeedARequestDocument() throws {
        let ordinary = try AnswerFolderFixture()
        try ordinary.drop("answer-15.txt", [])
        #expect(
            ordinary.scanLater() == [
                .refused(.refused(.notARequest(ordinary.documentId, .requestAgreed)), renamedTo: "answer-15.error.txt")
            ])
        let revoke = try AnswerFolderFixture(businessDocType: "1")
        try revoke.drop("answer-16.txt", Array("Văn bản đã thi hành.".utf8))
        #expect(revoke.scanLater() == [.queued(.requestRefused, renamedTo: "answer-16.queued.txt")])
    }

    @Test func theAnswersLogGainsOneReadableLinePerAnswerSent() throws {
        let fixture = try AnswerFolderFixture()
        let answer = try fixture.store.queueAnswer(
            documentId: fixture.documentId, code: .rejected, reason: "sai\nnơi nhận", origin: "t")
        let sentAt = Date(timeIntervalSince1970: 1_795_638_600)
        for _ in 0..<2 {
            AnswersLog.append(
                AnswersLog.line(for: answer, sentAt: sentAt, timeZone: .vietnam), toFolder: fixture.folder,
                logger: Logger(label: "t"),
                metadata: [:])
        }
        let lines = try fixture.text("answers.txt").split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "CÁC TRẠNG THÁI ĐÃ GỬI CHO NƠI GỬI / STATUSES SENT TO THE SENDER")
        #expect(lines[1] == "2026/11/26 03:30:00  02 Từ chối tiếp nhận / rejected | Lý do / Reason: sai nơi nhận")
    }
}
