/// Builds a ``RebalanceInstance`` from the router and the store's loads: candidates come from the per-lead
/// ``Router`` itself (same candidate generation, same hard constraints, same scores, same policy), so a rebalance
/// never disagrees with routing about who may take a lead.
///
/// Capacity: every movable lead is lifted off its agent first, so an agent's room is its capacity minus the load
/// that does not move (the lead's own slot is free for it, and swaps between agents are possible). That room is
/// enforced exactly by the flow network; the router is asked with each agent's fixed load, capped one below
/// capacity, so its at-capacity rule does not hide full agents — they stay candidates with no room, which is what
/// gives them a shadow price (agents of capacity 0 are still excluded by that rule). Paused agents and agents whose offer for the lead ended are excluded by the router.
public struct RebalanceInstanceBuilder: Sendable {
    public let router: Router
    public let policy: RebalancePolicy

    /// A builder over `router`, taking candidates and weights from the router's policy.
    public init(router: Router) {
        self.router = router
        self.policy = router.policy.rebalance
    }

    /// The instance for `leads` (any order: they are taken by lead id) against the store's `agents` (capacity,
    /// open count, pause flag; agents unknown to the graph are ignored, graph agents the store lacks keep the
    /// graph's figures). `progress` is called with the number of leads done.
    public func build(
        leads: [MovableLead],
        agents: [AgentLoadRecord],
        progress: (Int) -> Void = { _ in }
    ) -> RebalanceInstance {
        let projection = self.router.projection
        var capacity = projection.agentCapacity.map(Int.init)
        var load = AgentLoadTable(projection: projection)
        for record in agents {
            guard let index = projection.agent(record.agentId) else { continue }
            capacity[Int(index)] = record.capacity
            load.setOpenLeads(record.open, for: index)
            load.setAvailable(!record.paused, for: index)
        }
        let ordered = leads.sorted { $0.lead.id < $1.lead.id }
        let current: [Int32?] = ordered.map { $0.currentAgentId.flatMap { projection.agent($0) } }
        var held = [Int](repeating: 0, count: projection.agentCount)
        for case let agent? in current { held[Int(agent)] += 1 }
        var fixed = [Int](repeating: 0, count: projection.agentCount)
        var candidateLoad = load
        for agent in 0..<projection.agentCount {
            fixed[agent] = max(0, Int(load.openLeads[agent]) - held[agent])
            let asked = min(fixed[agent], max(0, Int(projection.agentCapacity[agent]) - 1))
            candidateLoad.setOpenLeads(asked, for: Int32(agent))
        }

        let ranker = self.router.ranking(depth: self.policy.maxCandidates)
        var workspace = ranker.makeWorkspace()
        var rows: [(candidates: [(agent: Int32, score: Double)], current: Int32?)] = []
        rows.reserveCapacity(ordered.count)
        var involved = [Bool](repeating: false, count: projection.agentCount)
        for (position, movable) in ordered.enumerated() {
            let decision = ranker.route(movable.lead, load: candidateLoad, excluding: movable.endedAgentIds, workspace: &workspace)
            var candidates = Self.candidates(of: decision, projection: projection)
            if let agent = current[position], !candidates.contains(where: { $0.agent == agent }),
                decision.eligibleCount > candidates.count
            {
                // The current agent is eligible but ranked below the cut: rank deeper once to keep it.
                let deeper = self.router.ranking(depth: decision.eligibleCount)
                    .route(movable.lead, load: candidateLoad, excluding: movable.endedAgentIds, workspace: &workspace)
                if let kept = Self.candidates(of: deeper, projection: projection).first(where: { $0.agent == agent }) {
                    candidates.append(kept)
                }
            }
            for candidate in candidates { involved[Int(candidate.agent)] = true }
            if let agent = current[position] { involved[Int(agent)] = true }
            rows.append((candidates, current[position]))
            progress(position + 1)
        }

        var instanceIndex = [Int](repeating: -1, count: projection.agentCount)
        var instanceAgents: [RebalanceInstance.Agent] = []
        for agent in 0..<projection.agentCount where involved[agent] {
            instanceIndex[agent] = instanceAgents.count
            instanceAgents.append(.init(id: projection.agentIds[agent], capacity: capacity[agent], fixedLoad: fixed[agent]))
        }
        let instanceLeads = zip(ordered, rows).map { movable, row in
            RebalanceInstance.LeadChoice(
                id: movable.lead.id,
                currentAgent: row.current.map { instanceIndex[Int($0)] },
                candidates: row.candidates.map { .init(agent: instanceIndex[Int($0.agent)], score: $0.score) },
                reason: movable.reason
            )
        }
        return RebalanceInstance(agents: instanceAgents, leads: instanceLeads)
    }

    private static func candidates(of decision: RoutingDecision, projection: GraphProjection) -> [(agent: Int32, score: Double)] {
        guard decision.status == .routed else { return [] }
        return decision.candidates.compactMap { candidate in projection.agent(candidate.agentId).map { ($0, candidate.score) } }
    }
}
