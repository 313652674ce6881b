import Foundation
import Testing

@testable import AxisSimulator

/// A served envelope is marked while it is sent: the bytes up to the TraceHeader's place in memory, the rest from the
/// stored file. The pieces must add up to exactly the announced length and to what one pass over the whole file gives.
@Suite struct TracedEnvelopeBodyTests {
    static func pieces(of body: TracedEnvelopeBody) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while let piece = try body.nextPiece() { bytes += piece }
        body.release()
        return bytes
    }

    static func markedInOnePass(_ envelope: [UInt8]) throws -> [UInt8] {
        let inserter = TraceHeaderInserter(organId: "000.00.00.G22", timestamp: "2026/12/07 23:59:59")
        try envelope.withUnsafeBytes { try inserter.feed($0) }
        try inserter.finish()
        return inserter.takeOutput()
    }

    static func write(_ bytes: [UInt8]) throws -> (path: String, remove: () -> Void) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("traced-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return (path, { try? FileManager.default.removeItem(atPath: path) })
    }

    /// A header longer than one read (the subject alone is 100 KB) and an attachment of several reads.
    @Test func aHeaderPastTheFirstReadIsMarkedAndTheRestFollowsByteForByte() throws {
        let envelope = TestEnvelopes.document(
            from: "vxp.saas.03", to: ["000.00.00.G22"], subject: String(repeating: "Chu de ", count: 15_000),
            attachmentBase64: Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }).base64EncodedString())
        let file = try Self.write(envelope)
        defer { file.remove() }
        let body = try TracedEnvelopeBody(
            path: file.path, organId: "000.00.00.G22", timestamp: "2026/12/07 23:59:59")
        let served = try Self.pieces(of: body)
        #expect(Int64(served.count) == body.length)
        #expect(served == (try Self.markedInOnePass(envelope)))
        #expect(served.count > envelope.count)
        #expect(try body.nextPiece() == nil)
    }

    @Test func anEnvelopeWithNowhereToPutTheMarkIsRefused() throws {
        let file = try Self.write(Array("<edXML><Other/></edXML>".utf8))
        defer { file.remove() }
        #expect(throws: TraceHeaderInserter.Failure.noInsertionPoint) {
            try TracedEnvelopeBody(path: file.path, organId: "x", timestamp: "2026/12/07 00:00:00")
        }
    }

    /// More than the limit before the mark's place is not held in memory.
    @Test func aHeadLargerThanTheLimitIsRefused() throws {
        let file = try Self.write(
            Array(repeating: UInt8(ascii: "a"), count: TracedEnvelopeBody.maximumHeadBytes + 70_000))
        defer { file.remove() }
        #expect(throws: TracedEnvelopeBody.Failure.headTooLarge(limit: TracedEnvelopeBody.maximumHeadBytes)) {
            try TracedEnvelopeBody(path: file.path, organId: "x", timestamp: "2026/12/07 00:00:00")
        }
    }
}
