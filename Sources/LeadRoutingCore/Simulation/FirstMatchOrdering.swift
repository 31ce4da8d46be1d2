/// Ordered assignment rules, first match wins: agents covering the lead's territory who speak its language, then
/// agents covering it, then anyone eligible; within a rule, agents in id order (the fixed queue order of a CRM).
struct FirstMatchOrdering: CandidateOrdering {
    let projection: GraphProjection

    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        let territory = self.projection.territory(lead.territoryId)
        func rule(_ candidate: CandidateExplanation) -> Int {
            guard let territory, let agent = self.projection.agent(candidate.agentId),
                self.projection.agent(at: agent, covers: territory)
            else { return 2 }
            if let language = lead.language, !self.projection.agent(at: agent, speaks: language) { return 1 }
            return 0
        }
        return ranking.map { (rule($0), $0) }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1.agentId < $1.1.agentId }.map(\.1)
    }
}
