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
}
