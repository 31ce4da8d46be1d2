import Synchronization

/// Round robin per territory among the eligible agents covering the lead's territory (every eligible agent when none
/// covers it), plain or smooth-weighted by capacity (nginx's algorithm: each candidate gains its weight, the largest
/// total wins and pays back the sum, so over a cycle each agent gets leads in proportion to capacity).
final class RoundRobinOrdering: CandidateOrdering {
    private let projection: GraphProjection
    private let weighted: Bool
    /// Per territory: the agent given the last lead (plain), or each agent's running weight (weighted).
    private let last: Mutex<[Int32: String]>
    private let running: Mutex<[Int32: [String: Double]]>

    init(projection: GraphProjection, weighted: Bool) {
        self.projection = projection
        self.weighted = weighted
        self.last = Mutex([:])
        self.running = Mutex([:])
    }

    func order(_ ranking: [CandidateExplanation], lead: Lead, load: AgentLoadTable) -> [CandidateExplanation] {
        guard let territory = self.projection.territory(lead.territoryId) else { return ranking }
        var pool = ranking.filter { candidate in
            self.projection.agent(candidate.agentId).map { self.projection.agent(at: $0, covers: territory) } ?? false
        }
        if pool.isEmpty { pool = ranking }
        pool.sort { $0.agentId < $1.agentId }
        let rest = ranking.filter { candidate in !pool.contains { $0.agentId == candidate.agentId } }
        return (self.weighted ? self.weightedTurn(pool, territory: territory) : self.plainTurn(pool, territory: territory)) + rest
    }

    private func plainTurn(_ pool: [CandidateExplanation], territory: Int32) -> [CandidateExplanation] {
        self.last.withLock { last in
            let start = last[territory].flatMap { previous in pool.firstIndex { $0.agentId > previous } } ?? 0
            let turn = Array(pool[start...] + pool[..<start])
            last[territory] = turn[0].agentId
            return turn
        }
    }

    private func weightedTurn(_ pool: [CandidateExplanation], territory: Int32) -> [CandidateExplanation] {
        self.running.withLock { running in
            var current = running[territory, default: [:]]
            var total = 0.0
            for candidate in pool {
                let weight = Double(self.projection.agent(candidate.agentId).map { self.projection.agentCapacity[Int($0)] } ?? 1)
                current[candidate.agentId, default: 0] += weight
                total += weight
            }
            let turn = pool.sorted { lhs, rhs in
                let l = current[lhs.agentId] ?? 0
                let r = current[rhs.agentId] ?? 0
                return l != r ? l > r : lhs.agentId < rhs.agentId
            }
            current[turn[0].agentId, default: 0] -= total
            running[territory] = current
            return turn
        }
    }
}
