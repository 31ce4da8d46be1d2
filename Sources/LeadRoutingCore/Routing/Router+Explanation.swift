extension Router {
    /// A candidate's paths from the lead: every path that counted, in ``FeaturePath/Feature`` order, and the primary
    /// one. The primary path is the previous-agent link for a returning client; the referral chain when its
    /// weighted contribution is at least the coverage one; otherwise the territory chain to the agent.
    func paths(
        to agent: Int32,
        lead: Lead,
        source: Int32?,
        sticky: Bool,
        workspace: RoutingWorkspace
    ) -> (primary: [PathStep], all: [FeaturePath]) {
        let a = Int(agent)
        let round = workspace.round
        var all: [FeaturePath] = []
        if sticky {
            all.append(FeaturePath(feature: .returningClient, path: [PathStep(from: lead.id, to: self.projection.agentIds[a], via: .previousAgent)]))
        }
        var coverage = 0.0
        var coverageTerritory: Int32 = -1
        if workspace.candidateSlots[a].stamp == round {
            coverage = workspace.candidateSlots[a].coverage
            coverageTerritory = workspace.candidateSlots[a].territory
        } else if sticky {
            (coverage, coverageTerritory) = self.coverageOutsideCandidates(agent, round: round, workspace: workspace)
        }
        let coveragePath = coverageTerritory >= 0 ? self.coveragePath(to: agent, via: coverageTerritory, lead: lead, workspace: workspace) : nil
        if let coveragePath, coverage > 0 && self.weights.coverage > 0 {
            all.append(FeaturePath(feature: .coverage, path: coveragePath))
        }
        let referral = workspace.referralStamp[a] == round ? workspace.referral[a] : 0
        var referralPath: [PathStep]? = nil
        if let source, referral > 0 {
            referralPath = self.referralPath(to: agent, from: source, lead: lead, workspace: workspace)
            if self.weights.referral > 0 { all.append(FeaturePath(feature: .referral, path: referralPath!)) }
        }
        if sticky { return (all[0].path, all) }
        if let referralPath, self.weights.referral * referral >= self.weights.coverage * coverage { return (referralPath, all) }
        return (coveragePath ?? [], all)
    }

    /// Lead → its territory → adjacent territories (shortest, as reached) → `territory` → the agent covering it.
    private func coveragePath(to agent: Int32, via territory: Int32, lead: Lead, workspace: RoutingWorkspace) -> [PathStep] {
        var territories: [Int32] = []
        var node = territory
        while node >= 0 {
            territories.append(node)
            node = workspace.territoryParent[Int(node)]
        }
        let territoryIds = self.projection.territoryIds
        var steps: [PathStep] = []
        steps.reserveCapacity(territories.count + 1)
        var previousId = lead.id
        var via = PathStep.Via.locatedIn
        for territory in territories.reversed() {
            let id = territoryIds[Int(territory)]
            steps.append(PathStep(from: previousId, to: id, via: via))
            previousId = id
            via = .adjacent
        }
        steps.append(PathStep(from: previousId, to: self.projection.agentIds[Int(agent)], via: .coveredBy))
        return steps
    }

    /// Lead → the source agent → each agent of the strongest referral chain → the agent.
    private func referralPath(to agent: Int32, from source: Int32, lead: Lead, workspace: RoutingWorkspace) -> [PathStep] {
        let ids = self.projection.agentIds
        var chain: [Int32] = []
        var layer = Int(workspace.referralLayer[Int(agent)])
        var entry = Int(workspace.referralEntry[Int(agent)])
        while layer > 0 {
            let node = workspace.referralLayers[layer][entry]
            chain.append(node.agent)
            entry = Int(node.parent)
            layer -= 1
        }
        var steps = [PathStep(from: lead.id, to: ids[Int(source)], via: .referredBy)]
        var previous = source
        for node in chain.reversed() {
            steps.append(PathStep(from: ids[Int(previous)], to: ids[Int(node)], via: .refers))
            previous = node
        }
        return steps
    }
}
