import Synchronization

/// Wraps an arm's ordering (none for a routing policy) and notes, per agent, whether it was ever eligible and whether
/// it was ever passed over for another agent: what the starvation metric needs.
final class CandidateRecorder: CandidateOrdering {
    private let inner: (any CandidateOrdering)?
    private let projection: GraphProjection
    private let marks: Mutex<(eligible: [Bool], passedOver: [Bool])>

    init(inner: (any CandidateOrdering)?, projection: GraphProjection) {
        self.inner = inner
        self.projection = projection
        let none = [Bool](repeating: false, count: projection.agentCount)
        self.marks = Mutex((none, none))
    }

    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        let ordered = self.inner?.order(ranking, lead: lead, load: load) ?? ranking
        self.marks.withLock { marks in
            for (rank, candidate) in ordered.enumerated() {
                guard let agent = self.projection.agent(candidate.agentId) else { continue }
                marks.eligible[Int(agent)] = true
                if rank > 0 { marks.passedOver[Int(agent)] = true }
            }
        }
        return ordered
    }

    /// Agents ever eligible, and agents ever passed over.
    var recorded: (eligible: [Bool], passedOver: [Bool]) { self.marks.withLock { $0 } }
}
