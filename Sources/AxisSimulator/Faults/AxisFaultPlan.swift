import AxisProtocol

/// The fault rules in force, shared by the admin listener (which edits them) and the axis listener (which uses
/// them up). Thread-safe.
///
/// Rules for the same method form a queue in the order they were added: a call is matched against the first rule
/// for its method (and caller, for rules with a system id) and only that one. A `store_then_drop` rule at the head
/// is used up only by a call that got as far as committing its effect; a call rejected before that (a wrong
/// sender, say) leaves it in place.
public final class AxisFaultPlan: AxisFaultInjector {
    private struct State {
        var rules: [AxisFaultRule] = []
        var nextId = 1
    }

    private let state = Locked(State())

    public init() {}

    /// Adds rules at the end of their method's queue, all or nothing; returns them with their ids.
    @discardableResult
    public func add(_ rules: [AxisFaultRule]) -> [AxisFaultRule] {
        state.withLock { state in
            rules.map { rule in
                var added = rule
                added.id = state.nextId
                added.remaining = rule.count
                state.nextId += 1
                state.rules.append(added)
                return added
            }
        }
    }

    /// The rules still in force, in the order they were added.
    public var rules: [AxisFaultRule] { state.withLock { $0.rules } }

    /// Removes every rule; returns how many there were.
    @discardableResult
    public func clear() -> Int {
        state.withLock { state in
            defer { state.rules.removeAll() }
            return state.rules.count
        }
    }

    public func fault(for method: AxisMethod, systemId: String, phase: AxisFaultPhase) -> AxisFault? {
        state.withLock { state in
            guard
                let index = state.rules.firstIndex(where: {
                    $0.method == method && ($0.systemId == nil || $0.systemId == systemId)
                }),
                state.rules[index].kind.phase == phase
            else { return nil }
            let fault = state.rules[index].kind.fault
            state.rules[index].remaining -= 1
            if state.rules[index].remaining <= 0 { state.rules.remove(at: index) }
            return fault
        }
    }
}
