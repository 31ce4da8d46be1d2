import Synchronization

/// The per-batch optimum's ordering: a lead's assigned agent (from the batch's ``BatchAssignment``) first, then the
/// other eligible agents as the oracle orders them. An assignment is used once: a re-route after a decline or an
/// expired offer falls back to the oracle's order (the declined agent is no longer eligible anyway).
final class BatchAssignmentOrdering: CandidateOrdering {
    private let oracle: OracleOrdering
    private let assigned: Mutex<[String: String]>

    init(projection: GraphProjection, truth: any TruthModel) {
        self.oracle = OracleOrdering(projection: projection, truth: truth)
        self.assigned = Mutex([:])
    }

    /// Offers `leadId` to `agentId` first on its next ranking.
    func assign(_ leadId: String, to agentId: String) { self.assigned.withLock { $0[leadId] = agentId } }

    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        let ordered = self.oracle.order(ranking, lead: lead, load: load)
        guard let agentId = self.assigned.withLock({ $0.removeValue(forKey: lead.id) }),
            let index = ordered.firstIndex(where: { $0.agentId == agentId })
        else { return ordered }
        var result = ordered
        result.insert(result.remove(at: index), at: 0)
        return result
    }
}
