/// The eligible agents nearest the lead's territory first (the router's distance feature), then by id.
struct NearestOrdering: CandidateOrdering {
    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        ranking.sorted { lhs, rhs in
            lhs.features.distance != rhs.features.distance ? lhs.features.distance > rhs.features.distance : lhs.agentId < rhs.agentId
        }
    }
}
