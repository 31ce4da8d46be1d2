/// The eligible agents by their true probability of converting the lead at their current load, most likely first.
struct OracleOrdering: CandidateOrdering {
    let projection: GraphProjection
    let truth: any TruthModel

    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        let scored = ranking.map { candidate -> (Double, CandidateExplanation) in
            guard let agent = self.projection.agent(candidate.agentId) else { return (0, candidate) }
            let open = Int(load.openLeads[Int(agent)]) + 1
            let capacity = Int(self.projection.agentCapacity[Int(agent)])
            return (self.truth.conversionProbability(lead: lead, agent: agent, openLeads: open, capacity: capacity), candidate)
        }
        return scored.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1.agentId < $1.1.agentId }.map(\.1)
    }
}
