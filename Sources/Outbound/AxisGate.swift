import AxisClient
import Config
import Foundation

/// Holds one agency's sends while the axis fails for every document, and lets one document through now and then to
/// find out whether it is back.
///
/// A failure that is the axis's and not the document's (``OutboundFailure/axisProblem``: it cannot be reached, it
/// answers 5xx, it refuses our credentials or our clock) closes the gate. While it is closed:
/// - a document that reaches the send step waits in memory (``OutboundPipeline`` parks it; nothing is written, no
///   attempt is counted), while claiming, signing and packaging go on, so that everything is ready to leave;
/// - one send at a time goes through as a probe, first a retry delay after the failure, then at the retry policy's
///   growing intervals, but never more than ``longestProbeInterval`` apart: recovery is seen within a minute
///   whatever `retry.max_delay` is;
/// - the journal hears of it once, then at growing intervals, then once when it ends (``AxisOutage``), instead of
///   once per document per retry.
///
/// Any answer of the axis to a send (the document stored, or refused on its merits) opens the gate, and the
/// documents that waited leave at once, oldest first, instead of each after its own backoff.
///
/// Kept in memory only: after a restart the gate is open, and the first failure closes it again.
struct AxisGate {
    /// What a document that reached the send step may do.
    enum Admission: Equatable {
        /// The gate is open: send.
        case send
        /// The gate is closed and this send is the one that finds out whether the axis is back.
        case probe
        /// The gate is closed: wait until it opens or a probe is due.
        case wait
    }

    /// How a send that was let through ended, as far as the axis's health is concerned.
    enum Outcome: Equatable {
        /// The axis answered: it stored the document, or refused it on its merits.
        case answered
        /// The axis failed in a way every document would meet.
        case failed(problem: String)
        /// Nothing learnt about the axis (a lost reply, a local error, a cancelled task).
        case inconclusive
    }

    /// The longest time between two probes.
    static let longestProbeInterval: Duration = .seconds(60)

    /// What the journal is told.
    private(set) var outage = AxisOutage()
    /// When the next probe may leave; nil while the gate is open.
    private(set) var nextProbe: Date?
    /// Whether a probe is on its way now.
    private(set) var probing = false
    /// The axis's failure that keeps the gate closed; nil while it is open.
    private(set) var problem: String?
    /// Failures of the axis in a row, for the probes' growing delay.
    private var failures = 0

    var isClosed: Bool { nextProbe != nil }

    /// Whether a probe may leave at `now`: the gate is closed, none is on its way and its time has come.
    func probeIsDue(at now: Date) -> Bool {
        guard let nextProbe, !probing else { return false }
        return now >= nextProbe
    }

    /// Lets a document that reached the send step at `now` go, as a plain send or as the probe, or keeps it waiting.
    mutating func admit(at now: Date) -> Admission {
        guard isClosed else { return .send }
        guard probeIsDue(at: now) else { return .wait }
        probing = true
        return .probe
    }

    /// Records how a send admitted as `admission` ended; returns what the journal should hear, if anything.
    /// - Parameter delay: the retry policy's delay after that many failures of the axis in a row.
    mutating func ended(
        _ admission: Admission, with outcome: Outcome, at now: Date, delay: (Int) -> Duration
    ) -> AxisOutage.Entry? {
        if admission == .probe { probing = false }
        switch outcome {
        case .answered:
            nextProbe = nil
            problem = nil
            failures = 0
            return outage.succeeded(at: now)
        case .failed(let problem):
            failures += 1
            self.problem = problem
            nextProbe = now.addingTimeInterval(min(delay(failures), Self.longestProbeInterval).seconds)
            return outage.failed(problem, at: now)
        case .inconclusive:
            return nil
        }
    }
}
