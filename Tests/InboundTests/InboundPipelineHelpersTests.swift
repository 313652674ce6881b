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

    @Test func aSignalWakesTheWaiterAndASignalWhileAwakeIsKept() async {
        let signal = WakeSignal()
        let clock = ContinuousClock()
        signal.signal()
        let kept = await clock.measure { await signal.wait(upTo: .seconds(30)) }
        #expect(kept < .seconds(5))
        let timedOut = await clock.measure { await signal.wait(upTo: .milliseconds(50)) }
        #expect(timedOut >= .milliseconds(50))
        // Waiting again after a timed-out wait still works (an AsyncStream would be finished by then).
        async let woken: Duration = clock.measure { await signal.wait(upTo: .seconds(30)) }
        try? await Task.sleep(for: .milliseconds(100))
        signal.signal()
        #expect(await woken < .seconds(5))
    }
}
