import AxisProtocol

/// The seam for fault injection: decides, per verified call, whether the simulator misbehaves.
///
/// The default injects nothing. A later implementation can drop the connection after a `sendEdoc` was committed
/// (a reply lost after the axis stored the document), delay replies, or answer with an HTTP error.
public protocol AxisFaultInjector: Sendable {
    func fault(for method: AxisMethod, systemId: String, phase: AxisFaultPhase) -> AxisFault?
}

/// When a fault applies: before the call does anything, or after its effect is committed.
public enum AxisFaultPhase: Sendable {
    case beforeHandling
    case afterCommit
}

public enum AxisFault: Sendable, Equatable {
    /// Close the connection without a reply.
    case dropConnection
    /// Wait before going on.
    case delay(seconds: Double)
    /// Answer with this HTTP status and an empty body instead of the normal reply.
    case httpStatus(Int)
}

/// Injects no faults.
public struct NoFaults: AxisFaultInjector {
    public init() {}
    public func fault(for method: AxisMethod, systemId: String, phase: AxisFaultPhase) -> AxisFault? { nil }
}
