import Config
import EdXML
import Foundation
import Testing

@testable import Inbound

@Suite struct InboundPipelineHelpersTests {
    @Test func theAxisDescriptionIsOneLineOfPrintableASCIIPreferringTheEnglishLine() {
        let bilingual = "Không tệp đính kèm nào có chữ ký số hợp lệ.\nNo attachment carries a valid digital signature."
        #expect(InboundPipeline.axisDescription(bilingual) == "No attachment carries a valid digital signature.")
        #expect(InboundPipeline.axisDescription("tệp Đơn đề nghị.pdf hỏng") == "tep Don de nghi.pdf hong")
        let long = InboundPipeline.axisDescription(String(repeating: "x", count: 300) + "\u{7}")
        #expect(long.count == 200 && long.allSatisfy { $0 == "x" })
    }

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
