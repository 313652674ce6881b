import Config
import EdXML
import Foundation
import SystemSupport
import Testing

@testable import Inbound

@Suite struct InboundPipelineHelpersTests {
    /// Found by sending 1 GiB end to end with the limits raised: the reader kept its own 1 GiB file limit.
    @Test func theReaderAcceptsAFileAsLargeAsTheConfiguredEnvelopeLimit() {
        let raised = InboundPipeline.edxmlLimits(
            Limits(maxDocumentSize: 2 << 30, maxAttachments: 7, maxInboundEnvelopeSize: 4 << 30))
        #expect(raised.xml.maxInputBytes == 4 << 30)
        #expect(raised.maxTotalAttachmentBytes == 4 << 30)
        #expect(raised.maxAttachmentBytes == 2 << 30)
        #expect(raised.maxAttachmentCount == 7)
        let lowered = InboundPipeline.edxmlLimits(Limits(maxInboundEnvelopeSize: 10 << 20))
        #expect(lowered.xml.maxInputBytes == 10 << 20)
        #expect(lowered.xml.maxDepth == XMLTokenizerLimits.default.maxDepth)
    }
}

@Suite struct InboundFailureReadingTests {
    static let place = XMLPosition(line: 3, column: 7)

    static func kind(_ error: EdXMLError) -> String {
        switch InboundFailure(reading: error) {
        case .transient: "transient"
        case .unreadable: "unreadable"
        case .rejected: "rejected"
        case .rejectedSignatures: "rejectedSignatures"
        }
    }

    @Test func ourOwnDiskIsTransientGarbledContentIsFetchedAgainAndRefusedContentIsQuarantined() {
        let transient: [EdXMLError] = [
            .writeFailed(SystemError(operation: "write", path: "/spool/a", errno: ENOSPC)),
            .cannotOpen(path: "/e", reason: "x"),
        ]
        let unreadable: [EdXMLError] = [
            .unexpectedEndOfInput(context: "in <Subject>", at: Self.place), .notEdXML("root is <html>"),
            .missingElement("MessageHeader"), .malformed("'<' expected", at: Self.place),
        ]
        let refused: [EdXMLError] = [
            .doctypeForbidden(at: Self.place), .attachmentTooLarge(attachment: "a.pdf", limit: 10),
            .depthLimitExceeded(limit: 64, at: Self.place),
        ]
        #expect(transient.map(Self.kind) == Array(repeating: "transient", count: transient.count))
        #expect(unreadable.map(Self.kind) == Array(repeating: "unreadable", count: unreadable.count))
        #expect(refused.map(Self.kind) == Array(repeating: "rejected", count: refused.count))
    }
}
