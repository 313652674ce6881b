import Foundation
import Testing

@testable import Outbound

/// The gate that holds an agency's sends while the axis fails for every document, on an injected clock.
@Suite struct AxisGateTests {
    private let start = Date(timeIntervalSince1970: 1_796_000_000)
    /// The retry policy's delays in these tests: 1 s, 2 s, 4 s … after 1, 2, 3 … failures in a row.
    private let doubling: (Int) -> Duration = { .seconds(1 << min($0 - 1, 30)) }

    private func at(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    @Test func anOpenGateLetsEverySendThroughAndAnswersKeepItOpen() {
        var gate = AxisGate()
        #expect(gate.admit(at: at(0)) == .send)
        #expect(gate.admit(at: at(0)) == .send)
        #expect(gate.ended(.send, with: .answered, at: at(1), delay: doubling) == nil)
        #expect(gate.ended(.send, with: .inconclusive, at: at(1), delay: doubling) == nil)
        #expect(!gate.isClosed)
        #expect(gate.admit(at: at(2)) == .send)
    }

    @Test func theAxissFailureClosesTheGateAndOnlyOneProbeAtATimeGoesWhenItsTimeComes() {
        var gate = AxisGate()
        #expect(
            gate.ended(.send, with: .failed(problem: "HTTP 503"), at: at(0), delay: doubling)
                == .started(error: "HTTP 503"))
        #expect(gate.isClosed)
        #expect(gate.problem == "HTTP 503")
        #expect(gate.nextProbe == at(1))
        #expect(gate.admit(at: at(0.5)) == .wait)
        #expect(!gate.probeIsDue(at: at(0.9)))
        #expect(gate.probeIsDue(at: at(1)))
        #expect(gate.admit(at: at(1)) == .probe)
        // The probe is on its way: nobody else goes, however late.
        #expect(!gate.probeIsDue(at: at(100)))
        #expect(gate.admit(at: at(100)) == .wait)
    }

    @Test func failedProbesComeAtGrowingIntervalsButNeverMoreThanAMinuteApart() {
        var gate = AxisGate()
        var now: TimeInterval = 0
        _ = gate.ended(.send, with: .failed(problem: "refused"), at: at(now), delay: doubling)
        var intervals: [TimeInterval] = []
        for _ in 0..<9 {
            let next = gate.nextProbe!.timeIntervalSince(start)
            intervals.append(next - now)
            now = next
            #expect(gate.admit(at: at(now)) == .probe)
            _ = gate.ended(.probe, with: .failed(problem: "refused"), at: at(now), delay: doubling)
        }
        #expect(intervals == [1, 2, 4, 8, 16, 32, 60, 60, 60])
    }

    @Test func anAnswerOpensTheGateWhoeverGotItAndTellsHowLongTheOutageLasted() {
        var gate = AxisGate()
        _ = gate.ended(.send, with: .failed(problem: "timeout"), at: at(0), delay: doubling)
        #expect(gate.admit(at: at(1)) == .probe)
        // A refusal on the document's merits is an answer too: the axis works.
        #expect(gate.ended(.probe, with: .answered, at: at(90), delay: doubling) == .ended(after: .seconds(90)))
        #expect(!gate.isClosed)
        #expect(gate.problem == nil)
        #expect(gate.admit(at: at(90)) == .send)
        // The next outage starts from the shortest delay again.
        _ = gate.ended(.send, with: .failed(problem: "timeout"), at: at(100), delay: doubling)
        #expect(gate.nextProbe == at(101))
    }

    @Test func aProbeThatLearntNothingLetsTheNextOneGoAtTheSameTime() {
        var gate = AxisGate()
        _ = gate.ended(.send, with: .failed(problem: "HTTP 502"), at: at(0), delay: doubling)
        #expect(gate.admit(at: at(1)) == .probe)
        #expect(gate.ended(.probe, with: .inconclusive, at: at(1.5), delay: doubling) == nil)
        #expect(gate.isClosed)
        #expect(gate.admit(at: at(1.5)) == .probe)
    }

    @Test func aSendLetThroughBeforeTheGateClosedDoesNotFreeTheProbesTurn() {
        var gate = AxisGate()
        // Two sends leave while the gate is open; the first fails and closes it.
        _ = gate.ended(.send, with: .failed(problem: "HTTP 503"), at: at(0), delay: doubling)
        #expect(gate.admit(at: at(1)) == .probe)
        // The second ends without an answer while the probe is on its way: still one probe at a time.
        _ = gate.ended(.send, with: .inconclusive, at: at(1.2), delay: doubling)
        #expect(gate.admit(at: at(1.3)) == .wait)
    }

    @Test func theJournalHearsOfALongOutageOnceThenAtGrowingIntervalsNotOncePerFailure() {
        var gate = AxisGate()
        var warnings = 0
        var now: TimeInterval = 0
        if gate.ended(.send, with: .failed(problem: "refused"), at: at(0), delay: doubling) != nil { warnings += 1 }
        while now < 3600 {
            now = gate.nextProbe!.timeIntervalSince(start)
            #expect(gate.admit(at: at(now)) == .probe)
            if gate.ended(.probe, with: .failed(problem: "refused"), at: at(now), delay: doubling) != nil {
                warnings += 1
            }
        }
        // About 65 failed probes in an hour; one warning, then reminders 1, 3, 7, 15 and 31 minutes in (each
        // interval twice the one before).
        #expect(warnings == 6)
    }
}
