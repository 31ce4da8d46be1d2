extension Router {
    /// A candidate's best path from the lead: the previous-agent link for a returning client; the referral chain
    /// when its weighted contribution is at least the coverage one; otherwise the territory chain to the agent.
    func path(to agent: Int32, lead: Lead, source: Int32?, sticky: Bool, workspace: RoutingWorkspace) -> [PathStep] {
        let ids = self.projection.agentIds
        let agentId = ids[Int(agent)]
        if sticky { return [PathStep(from: lead.id, to: agentId, via: .previousAgent)] }
        let a = Int(agent)
        let round = workspace.round
        let referral = workspace.referralStamp[a] == round ? workspace.referral[a] : 0
        let coverage = workspace.agentStamp[a] == round ? workspace.coverage[a] : 0
        if let source, referral > 0, self.weights.referral * referral >= self.weights.coverage * coverage {
            var chain: [Int32] = []
            var layer = Int(workspace.referralLayer[a])
            var entry = Int(workspace.referralEntry[a])
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
        let territory = workspace.agentStamp[a] == round ? workspace.coverageTerritory[a] : -1
        guard territory >= 0 else { return [] }
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
        steps.append(PathStep(from: previousId, to: agentId, via: .coveredBy))
        return steps
    }
}
