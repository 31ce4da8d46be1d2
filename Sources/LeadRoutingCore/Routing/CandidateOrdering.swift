/// Puts a router's ranked, eligible candidates in another order before the lead is committed: how a simulation runs
/// baselines (round robin, nearest agent, …) and an oracle through the real ``LeadLifecycle``, with the router's
/// hard constraints deciding who is eligible and the store's commit falling down the new order.
///
/// The lifecycle calls it inside its isolation, once per ranking, in decision order, so a stateful ordering (a round
/// robin's pointer) sees the leads one at a time.
public protocol CandidateOrdering: Sendable {
    /// The candidates in the order they should be offered; the same candidates, none added.
    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation]
}

extension CandidateOrdering {
    /// The routed `decision` with its candidates reordered and the first one as the winner.
    func reordered(_ decision: RoutingDecision, lead: Lead, load: AgentLoadTable) -> RoutingDecision {
        let ordered = self.order(decision.candidates, lead: lead, load: load)
        guard let winner = ordered.first else { return decision }
        var result = decision
        result.candidates = ordered
        result.agentId = winner.agentId
        result.score = winner.score
        result.path = winner.path
        if winner.agentId != decision.agentId { result.rule = .bestScore }
        return result
    }
}
