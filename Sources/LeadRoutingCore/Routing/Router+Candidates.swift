extension Router {
    /// Best referral chains from `source`: for every agent reachable in 1…`maxReferralHops` edges, the strongest
    /// chain's strength `Π strength(edge) × referralHopDecay^(hops − 1)`. Chains never pass through the source again.
    /// `hops` limits the layers expanded (a later call may continue from the last one); all of them when nil.
    /// Edge strengths are ``referralEdgeStrength(_:learned:)`` with the load's `learned` referral outcomes.
    func searchReferralChains(
        from source: Int32,
        hops: ClosedRange<Int>? = nil,
        learned: [ReferralOutcome],
        round: UInt32,
        workspace: inout RoutingWorkspace
    ) {
        let maxHops = self.policy.maxReferralHops
        guard maxHops > 0 else { return }
        let hops = hops ?? 1...maxHops
        while workspace.referralLayers.count <= hops.upperBound { workspace.referralLayers.append([]) }
        if hops.lowerBound == 1 {
            workspace.referralLayers[0].removeAll(keepingCapacity: true)
            workspace.referralLayers[0].append(ReferralEntry(agent: source, strength: 1, parent: -1))
        }
        let out = self.projection.referralsOut
        let decay = self.policy.referralHopDecay
        // Decided once, not per edge: without learned outcomes the loop reads the precomputed strengths only.
        let strengths = self.referralStrength
        let learning = !learned.isEmpty
        for hop in hops {
            let stamp = workspace.nextLayer()
            var current: [ReferralEntry] = []
            swap(&current, &workspace.referralLayers[hop])
            current.removeAll(keepingCapacity: true)
            let hopFactor = hop > 1 ? decay : 1
            let previousCount = workspace.referralLayers[hop - 1].count
            for parentIndex in 0..<previousCount {
                let parent = workspace.referralLayers[hop - 1][parentIndex]
                for position in out.edgeRange(of: parent.agent) {
                    let target = out.targets[position]
                    if target == source { continue }
                    let edge = learning ? self.referralEdgeStrength(position, learned: learned) : strengths[position]
                    let strength = parent.strength * edge * hopFactor
                    if workspace.layerStamp[Int(target)] != stamp {
                        workspace.layerStamp[Int(target)] = stamp
                        workspace.layerSlot[Int(target)] = Int32(current.count)
                        current.append(ReferralEntry(agent: target, strength: strength, parent: Int32(parentIndex)))
                    } else {
                        let slot = Int(workspace.layerSlot[Int(target)])
                        if strength > current[slot].strength {
                            current[slot] = ReferralEntry(agent: target, strength: strength, parent: Int32(parentIndex))
                        }
                    }
                }
            }
            for (entryIndex, entry) in current.enumerated() {
                let agent = Int(entry.agent)
                if workspace.referralStamp[agent] != round || entry.strength > workspace.referral[agent] {
                    workspace.referralStamp[agent] = round
                    workspace.referral[agent] = entry.strength
                    workspace.referralLayer[agent] = UInt8(hop)
                    workspace.referralEntry[agent] = Int32(entryIndex)
                }
            }
            swap(&current, &workspace.referralLayers[hop])
            if workspace.referralLayers[hop].isEmpty { break }
        }
    }

    /// Territories within reach of the lead's territory, breadth first. On equal hop counts the parent with the
    /// shortest cumulative distance wins (unknown distances count as 0), so explanation paths are the shortest.
    func reachTerritories(from start: Int32, hasSource: Bool, round: UInt32, workspace: inout RoutingWorkspace) {
        let maxHops = max(self.policy.maxTerritoryHops, hasSource && self.policy.maxReferralHops > 0 ? self.policy.referralTerritoryHops : 0)
        workspace.reachedTerritories.removeAll(keepingCapacity: true)
        workspace.territoryStamp[Int(start)] = round
        workspace.territoryHop[Int(start)] = 0
        workspace.territoryParent[Int(start)] = -1
        workspace.territoryDistance[Int(start)] = 0
        workspace.reachedTerritories.append(start)
        guard maxHops > 0 else { return }
        let adjacency = self.projection.adjacency
        var layerStart = 0
        for hop in 1...maxHops {
            let layerEnd = workspace.reachedTerritories.count
            if layerStart == layerEnd { break }
            for index in layerStart..<layerEnd {
                let territory = workspace.reachedTerritories[index]
                let base = workspace.territoryDistance[Int(territory)]
                for position in adjacency.edgeRange(of: territory) {
                    let neighbor = Int(adjacency.targets[position])
                    let step = self.projection.adjacencyDistanceKm[position]
                    let distance = base + (step.isNaN ? 0 : step)
                    if workspace.territoryStamp[neighbor] != round {
                        workspace.territoryStamp[neighbor] = round
                        workspace.territoryHop[neighbor] = UInt8(hop)
                        workspace.territoryParent[neighbor] = territory
                        workspace.territoryDistance[neighbor] = distance
                        workspace.reachedTerritories.append(Int32(neighbor))
                    } else if Int(workspace.territoryHop[neighbor]) == hop && distance < workspace.territoryDistance[neighbor] {
                        workspace.territoryParent[neighbor] = territory
                        workspace.territoryDistance[neighbor] = distance
                    }
                }
            }
            layerStart = layerEnd
        }
    }

    /// Agents covering a reached territory become candidates: any agent within `maxTerritoryHops`, and agents
    /// reached by referral within `referralTerritoryHops`. Each keeps its best coverage strength
    /// `weight × territoryHopDecay^hops` and the territory that gave it.
    func collectCoverageCandidates(round: UInt32, workspace: inout RoutingWorkspace) {
        workspace.candidates.removeAll(keepingCapacity: true)
        let coverage = self.projection.coverageByTerritory
        let maxCoverageHops = self.policy.maxTerritoryHops
        let maxReferralCoverageHops = self.policy.referralTerritoryHops
        for territory in workspace.reachedTerritories {
            let hop = Int(workspace.territoryHop[Int(territory)])
            let factor = self.hopDecay(hop)
            let coverageAllowed = hop <= maxCoverageHops
            let referralAllowed = hop <= maxReferralCoverageHops
            for position in coverage.edgeRange(of: territory) {
                let agent = Int(coverage.targets[position])
                if !coverageAllowed {
                    guard referralAllowed, workspace.referralStamp[agent] == round else { continue }
                }
                let strength = self.projection.coverageWeightByTerritory[position] * factor
                if workspace.candidateSlots[agent].stamp != round {
                    workspace.candidateSlots[agent] = CandidateSlot(stamp: round, territory: territory, coverage: strength)
                    workspace.candidates.append(Int32(agent))
                } else if strength > workspace.candidateSlots[agent].coverage {
                    workspace.candidateSlots[agent].coverage = strength
                    workspace.candidateSlots[agent].territory = territory
                }
            }
        }
    }

    /// Coverage strength of an agent that is not a candidate (a returning client's previous agent):
    /// its best covered territory among those reached, else 0.
    func coverageOutsideCandidates(_ agent: Int32, round: UInt32, workspace: RoutingWorkspace) -> (strength: Double, territory: Int32) {
        var best = 0.0
        var bestTerritory: Int32 = -1
        let byAgent = self.projection.coverageByAgent
        for position in byAgent.edgeRange(of: agent) {
            let territory = byAgent.targets[position]
            guard workspace.territoryStamp[Int(territory)] == round else { continue }
            let strength = self.projection.coverageWeightByAgent[position] * self.hopDecay(Int(workspace.territoryHop[Int(territory)]))
            if strength > best {
                best = strength
                bestTerritory = territory
            }
        }
        return (best, bestTerritory)
    }

    /// `territoryHopDecay^hops`.
    func hopDecay(_ hops: Int) -> Double {
        var factor = 1.0
        for _ in 0..<hops { factor *= self.policy.territoryHopDecay }
        return factor
    }
}
