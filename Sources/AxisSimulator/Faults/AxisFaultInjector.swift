import AxisProtocol

/// The seam for fault injection: decides, per verified call, whether the simulator misbehaves.
///
/// The simulator always consults its own ``AxisFaultPlan`` (driven by `POST /admin/faults`); an injector given to
/// ``AxisSimulator/init(configuration:faults:logger:)`` is consulted first. Calls rejected before verification
/// (unknown method, bad signature, unknown system) never reach it.
public protocol AxisFaultInjector: Sendable {
    func fault(for method: AxisMethod, systemId: String, phase: AxisFaultPhase) -> AxisFault?
}

/// When a fault applies: before the call does anything, or after its effect is committed.
public enum AxisFaultPhase: Sendable {
    case beforeHandling
    case afterCommit
}

/// Injects no faults.
public struct NoFaults: AxisFaultInjector {
    public init() {}
    public func fault(for method: AxisMethod, systemId: String, phase: AxisFaultPhase) -> AxisFault? { nil }
}
