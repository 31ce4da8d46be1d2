public import LeadRoutingCore

/// The cypher candidate mode: the graph around one lead, fetched hop by hop.
extension Neo4jGraphStore {
    /// The edges around one lead that candidate generation can use: adjacency of the territories within reach,
    /// referral chains from the source agent, coverage of the reached territories. Expanded one hop per query
    /// (var-length bounds cannot be parameters, and the policy sets the hop limits).
    public func neighbourhood(of lead: Lead, policy: RoutingPolicy) async throws(Neo4jError) -> Neighbourhood {
        var result = Neighbourhood()
        // Referral chains.
        var referralAgents = false
        if let source = lead.sourceAgentId, policy.maxReferralHops > 0 {
            let query = try self.library.query("candidates/referrals-out")
            var frontier = [source]
            var expanded: Set<String> = []
            for _ in 0..<policy.maxReferralHops where !frontier.isEmpty {
                let rows = try await self.client.run(query, ["ids": .list(frontier.map { .string($0) })]).records
                expanded.formUnion(frontier)
                var next: [String] = []
                var queued: Set<String> = []
                for row in rows {
                    guard let from = row["fromId"].stringValue, let to = row["toId"].stringValue else { continue }
                    result.referrals.append(
                        Neighbourhood.ReferralEdge(
                            fromId: from,
                            toId: to,
                            sent: Int32(clamping: row["sent"].intValue ?? 1),
                            closed: Int32(clamping: row["closed"].intValue ?? 0)
                        )
                    )
                    // Chains never pass through the source; an agent's out-edges are fetched once.
                    if to != source && !expanded.contains(to) && queued.insert(to).inserted { next.append(to) }
                }
                frontier = next
            }
            referralAgents = true
        }
        // Territory reach.
        let hops = max(policy.maxTerritoryHops, referralAgents ? policy.referralTerritoryHops : 0)
        var reached: [String] = [lead.territoryId]
        var reachedSet: Set<String> = [lead.territoryId]
        var frontier = [lead.territoryId]
        let adjacencyQuery = try self.library.query("candidates/territory-neighbours")
        var edges: Set<String> = []
        for _ in 0..<hops where !frontier.isEmpty {
            let rows = try await self.client.run(adjacencyQuery, ["ids": .list(frontier.map { .string($0) })]).records
            var next: [String] = []
            for row in rows {
                guard let a = row["territoryId"].stringValue, let b = row["neighborId"].stringValue else { continue }
                if edges.insert(a + "\u{1}" + b).inserted {
                    result.adjacency.append(Neighbourhood.AdjacencyEdge(territoryId: a, neighborId: b, distanceKm: row["distanceKm"].doubleValue))
                }
                for id in [a, b] where reachedSet.insert(id).inserted {
                    reached.append(id)
                    next.append(id)
                }
            }
            frontier = next
        }
        // Coverage of everything reached.
        let coverageRows = try await self.client.run(
            try self.library.query("candidates/coverage"),
            ["ids": .list(reached.map { .string($0) })]
        ).records
        for row in coverageRows {
            guard let agent = row["agentId"].stringValue, let territory = row["territoryId"].stringValue else { continue }
            result.coverage.append(Neighbourhood.CoverageEdge(agentId: agent, territoryId: territory, weight: row["weight"].doubleValue ?? 1))
        }
        return result
    }
}
