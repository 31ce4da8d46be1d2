/// The pruned search's referral step (``RoutingSearch/pruned``): the same chain strengths and explanation paths as
/// ``Router/searchReferralChains(from:hops:round:workspace:)``, computed only for the agents that can use them.
extension Router {
    /// Whether every agent a referral chain can make a candidate is already a coverage candidate (referral reach
    /// is no wider than coverage reach), so candidates can be found before the referral chains.
    var coverageBoundsReferralCandidates: Bool {
        self.policy.maxReferralHops == 0 || self.policy.referralTerritoryHops <= self.policy.maxTerritoryHops
    }

    /// Referral chain strengths from `source` for the current candidates and `extra` (a returning client's previous
    /// agent). With chains of up to two edges, the second edge is found backwards (each candidate's referrers
    /// among the source's partners) when that reads fewer edges than expanding every partner's referrals — a
    /// hub's partners refer to hundreds of thousands of agents, its candidates' referrers are a few thousand.
    /// Ties between chains of equal strength go to the same chain as in the forward search (fewer edges, then the
    /// partner the source's referral list gives first).
    func searchReferralChainsToCandidates(
        from source: Int32,
        alsoTo extra: Int32?,
        learned: [ReferralOutcome],
        round: UInt32,
        workspace: inout RoutingWorkspace
    ) {
        guard self.policy.maxReferralHops == 2 else {
            self.searchReferralChains(from: source, learned: learned, round: round, workspace: &workspace)
            return
        }
        self.searchReferralChains(from: source, hops: 1...1, learned: learned, round: round, workspace: &workspace)
        let out = self.projection.referralsOut
        var forwardEdges = 0
        for entry in workspace.referralLayers[1] { forwardEdges += out.degree(of: entry.agent) }
        let agents = max(1, self.projection.agentCount)
        let meanInDegree = (self.projection.referralCount + agents - 1) / agents
        let backwardEdges = (workspace.candidates.count + 1) * max(1, meanInDegree)
        if forwardEdges <= backwardEdges {
            self.searchReferralChains(from: source, hops: 2...2, learned: learned, round: round, workspace: &workspace)
            return
        }
        workspace.backwardChainSearches += 1
        // The source's partners carry the layer stamp of hop 1 and their slot in layer 1.
        let partnerStamp = workspace.layerRound
        while workspace.referralLayers.count <= 2 { workspace.referralLayers.append([]) }
        workspace.referralLayers[2].removeAll(keepingCapacity: true)
        for index in workspace.candidates.indices {
            self.completeTwoEdgeChain(
                to: workspace.candidates[index],
                from: source,
                partnerStamp: partnerStamp,
                learned: learned,
                round: round,
                workspace: &workspace
            )
        }
        if let extra {
            self.completeTwoEdgeChain(to: extra, from: source, partnerStamp: partnerStamp, learned: learned, round: round, workspace: &workspace)
        }
    }

    /// The strongest two-edge chain `source → partner → agent`, recorded when it beats the one-edge chain
    /// (strictly, as the forward search does); on equal strengths the partner first in layer 1 wins.
    private func completeTwoEdgeChain(
        to agent: Int32,
        from source: Int32,
        partnerStamp: UInt32,
        learned: [ReferralOutcome],
        round: UInt32,
        workspace: inout RoutingWorkspace
    ) {
        let a = Int(agent)
        if agent == source || (workspace.referralStamp[a] == round && workspace.referralLayer[a] == 2) { return }
        let referrers = self.projection.referralsIn
        let decay = self.policy.referralHopDecay
        let strengths = self.referralStrength
        let learning = !learned.isEmpty
        var best = 0.0
        var bestSlot: Int32 = -1
        for position in referrers.edgeRange(of: agent) {
            let partner = Int(referrers.targets[position])
            guard workspace.layerStamp[partner] == partnerStamp else { continue }
            let slot = workspace.layerSlot[partner]
            let outPosition = Int(self.projection.referralsInEdge[position])
            // Same operations in the same order as the forward search: parent × edge × decay.
            let edge = learning ? self.referralEdgeStrength(outPosition, learned: learned) : strengths[outPosition]
            let strength = workspace.referralLayers[1][Int(slot)].strength * edge * decay
            if bestSlot < 0 || strength > best || (strength == best && slot < bestSlot) {
                best = strength
                bestSlot = slot
            }
        }
        guard bestSlot >= 0 else { return }
        if workspace.referralStamp[a] != round || best > workspace.referral[a] {
            workspace.referralStamp[a] = round
            workspace.referral[a] = best
            workspace.referralLayer[a] = 2
            workspace.referralEntry[a] = Int32(workspace.referralLayers[2].count)
            workspace.referralLayers[2].append(ReferralEntry(agent: agent, strength: best, parent: bestSlot))
        }
    }
}
