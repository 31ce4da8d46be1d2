/// Eligible agents in a random order drawn from the lead id (and which agents it had already: a re-route draws anew).
struct RandomOrdering: CandidateOrdering {
    let seed: UInt64

    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        var random = SeededRandom(seed: self.seed, key: "random-baseline/\(lead.id)/\(ranking.count)")
        var shuffled = ranking.sorted { $0.agentId < $1.agentId }
        random.shuffle(&shuffled)
        return shuffled
    }
}
