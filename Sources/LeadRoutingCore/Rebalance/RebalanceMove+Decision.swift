extension RebalanceMove {
    /// The lead's decision once this move is applied: routed to the target with the plan's score, rule
    /// `rebalance`, the plan's graph and policy, and a note naming the plan. The path and candidates are the
    /// plan's business (it ranked the whole batch), so they are left empty.
    public func decision(planId: String, graphVersion: String, policy: String) -> RoutingDecision {
        RoutingDecision(
            leadId: self.leadId,
            status: .routed,
            agentId: self.toAgentId,
            score: self.scoreAfter,
            policy: policy,
            graphVersion: graphVersion,
            rule: .rebalance,
            eligibleCount: 1,
            notes: [self.note(planId: planId)]
        )
    }

    /// Why the lead moved, in words (the decision's note and the history's detail).
    public func note(planId: String) -> String {
        let from = self.fromAgentId.map { "from \($0) " } ?? ""
        return "moved \(from)to \(self.toAgentId) by rebalance plan \(planId) (\(self.reason.rawValue))"
    }
}
