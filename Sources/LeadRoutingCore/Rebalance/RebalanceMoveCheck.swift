/// The rules that decide, at apply time, whether a planned move still holds: written once, used by the store in
/// the transaction that applies a batch (on locked rows) and by a dry run (on a plain read).
public enum RebalanceMoveCheck {
    /// Why the lead no longer fits the move, or nil: it must still be where the plan found it (an unaccepted offer
    /// of `fromAgentId`, or unroutable without one when `fromAgentId` is nil) and untouched since `watermark`.
    public static func leadProblem(_ move: RebalanceMove, state: RebalanceLeadState?, watermark: Int64) -> RebalanceSkipReason? {
        guard let state else { return .leadMissing }
        if state.status == .closed { return .leadClosed }
        if state.activeState == .accepted { return .leadAccepted }
        if state.activeAgentId != move.fromAgentId { return .leadRerouted }
        if move.fromAgentId == nil && state.status != .unroutable { return .leadRerouted }
        if state.lastChangeMillis > watermark { return .leadChanged }
        return nil
    }

    /// Why the target cannot be used whatever its room, or nil.
    public static func targetProblem(_ load: AgentLoadRecord?) -> RebalanceSkipReason? {
        guard let load else { return .targetNotInStore }
        return load.paused ? .targetPaused : nil
    }

    /// Decides a batch: each move's skip reason, or nil to apply it. Moves whose lead and target pass are applied
    /// together: every applied move's offer ends before any target is reserved, so moves that swap leads between
    /// full agents go through; a target then without room skips its move (in batch order), and the lead keeps its
    /// offer, so the check runs again without it until every remaining target has room. `loads` (agent id → load,
    /// at least every source and target of the batch) becomes the loads after the batch.
    public static func resolve(
        _ moves: [RebalanceMove],
        leads: [String: RebalanceLeadState],
        loads: inout [String: AgentLoadRecord],
        watermark: Int64
    ) -> [RebalanceSkipReason?] {
        var reasons: [RebalanceSkipReason?] = moves.map { move in
            Self.leadProblem(move, state: leads[move.leadId], watermark: watermark) ?? Self.targetProblem(loads[move.toAgentId])
        }
        while true {
            var open: [String: Int] = [:]
            for (move, reason) in zip(moves, reasons) where reason == nil {
                if let from = move.fromAgentId, let load = loads[from] { open[from] = (open[from] ?? load.open) - 1 }
            }
            var full: Int? = nil
            for (index, move) in moves.enumerated() where reasons[index] == nil {
                let load = loads[move.toAgentId]!  // targetProblem passed: the load is known
                let taken = open[move.toAgentId] ?? load.open
                if taken >= load.capacity {
                    full = index
                    break
                }
                open[move.toAgentId] = taken + 1
            }
            guard let full else {
                for (agentId, count) in open { loads[agentId]?.open = count }
                return reasons
            }
            reasons[full] = .targetFull
        }
    }
}
