import Foundation
import StateStore
import SystemSupport
import Testing

@testable import Inbound

@Suite struct AnswerRequestFileTests {
    @Test func requestNamesAreRecognisedInEnglishAndVietnameseWhateverTheCase() {
        #expect(AnswerRequestFile.requestedCode(fileName: "answer-03.txt") == "03")
        #expect(AnswerRequestFile.requestedCode(fileName: "tra-loi-02.txt") == "02")
        #expect(AnswerRequestFile.requestedCode(fileName: "Trả lời 05.txt") == "05")
        #expect(AnswerRequestFile.requestedCode(fileName: "ANSWER_16.TXT") == "16")
        #expect(AnswerRequestFile.requestedCode(fileName: "answer-04") == "04")
        #expect(AnswerRequestFile.requestedCode(fileName: "answer-99.txt") == "99", "a bad code is still a request")
    }

    @Test func resultsAndOtherFilesAreNotRequests() {
        for name in [
            "answer-03.queued.txt", "answer-02.error.txt", "answer-02.error (2).txt", "answers.txt", "document.txt",
            "answer-.txt", "answer-03.docx", "THONG-BAO.txt", "cong-van-answer-03.txt",
        ] {
            #expect(AnswerRequestFile.requestedCode(fileName: name) == nil, "\(name)")
        }
        #expect(AnswerRequestFile.stem(of: "answer-02.TXT") == "answer-02")
        #expect(AnswerRequestFile.stem(of: "answer-02") == "answer-02")
    }

    @Test func theContentIsTheReasonWithoutBOMOrSurroundingBlankLines() throws {
        let (code, reason) = try AnswerRequestFile.parse(
            fileName: "answer-02.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("\n Sai thẩm quyền giải quyết. \r\n".utf8))
        #expect(code == .rejected)
        #expect(reason == "Sai thẩm quyền giải quyết.")
        let (accepted, none) = try AnswerRequestFile.parse(fileName: "answer-03.txt", bytes: [])
        #expect(accepted == .accepted && none == nil)
    }

    @Test func aBadCodeAnEmptyReasonAndNonUTF8TextAreRefusedWithTheirCause() {
        #expect(throws: AnswerRequestProblem.refused(.unknownCode("99"))) {
            try AnswerRequestFile.parse(fileName: "answer-99.txt", bytes: Array("ok".utf8))
        }
        #expect(throws: AnswerRequestProblem.refused(.reasonRequired(.rejected))) {
            try AnswerRequestFile.parse(fileName: "answer-02.txt", bytes: Array(" \r\n".utf8))
        }
        #expect(throws: AnswerRequestProblem.refused(.reasonRequired(.requestRefused))) {
            try AnswerRequestFile.parse(fileName: "tra-loi-16.txt", bytes: [])
        }
        // "Sai" in Windows-1258/TCVN3-style bytes: not UTF-8.
        #expect(throws: AnswerRequestProblem.notUTF8) {
            try AnswerRequestFile.parse(fileName: "answer-02.txt", bytes: [0x53, 0x61, 0xED, 0x20, 0xE2, 0x80])
        }
    }

    @Test func aFileOverTheCapIsRefusedWithoutBeingReadWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("answer-cap-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("answer-02.txt").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 512 * 1024 * 1024)  // sparse: 512 MiB that are never read
        try handle.close()
        let (descriptor, _) = try SafeOpen.openUntrustedRegularFile(at: path)
        let bytes = try AnswerRequestFile.readCapped(descriptor)
        #expect(bytes.count == AnswerRequestFile.maximumBytes + 1)
        #expect(throws: AnswerRequestProblem.tooLarge(limit: AnswerRequestFile.maximumBytes)) {
            try AnswerRequestFile.parse(fileName: "answer-02.txt", bytes: bytes)
        }
    }

    @Test func theDescriptionOfAnAnswerNamesTheStatusThenTheReason() {
        #expect(StatusReply.description(of: .rejected, reason: "sai nơi nhận") == "Từ chối tiếp nhận: sai nơi nhận")
        #expect(StatusReply.description(of: .accepted, reason: nil) == "Đã tiếp nhận")
    }
}
