import LeadRoutingCore

extension NetworkAnalysis {
    /// `reach` from one agent: the agents reached in BFS order.
    func reach(_ query: AnalysisQuery, _ reach: KHopReach, from agent: String) throws -> AnalysisOutcome {
        guard let source = self.projection.agent(agent) else { throw AnalysisQueryError(parameter: .agent, reason: "unknown agent id \(agent)") }
        let result = try reach.run(from: Int(source), on: self.graph)
        let ids = self.projection.agentIds
        let report = ReachReport(
            graphVersion: self.projection.version,
            agent: agent,
            hops: reach.hops,
            direction: reach.direction.rawValue,
            agents: result.agents,
            agentsPerHop: result.agentsPerHop,
            volume: result.volume,
            reached: self.page(query, result.reached).map { .init(id: ids[$0.node], hops: $0.hops) }
        )
        return .reach(report, result)
    }

    /// `reach` of every agent, ranked by agents reached.
    func reachAll(_ query: AnalysisQuery, _ reach: KHopReach, _ progress: Progress?) throws -> AnalysisOutcome {
        let all = try reach.runAll(on: self.graph) { (done, total) throws(AnalysisError) in try progress?("reach", done, total) }
        let ids = self.projection.agentIds
        let counts = all.map { Double($0.agents) }
        let report = ReachAllReport(
            graphVersion: self.projection.version,
            hops: reach.hops,
            direction: reach.direction.rawValue,
            agents: ids.count,
            meanReach: ids.isEmpty ? 0 : counts.reduce(0, +) / Double(ids.count),
            top: self.window(query, of: counts).enumerated().map {
                .init(rank: query.offset + $0.offset + 1, id: ids[$0.element], agents: all[$0.element].agents, volume: all[$0.element].volume)
            }
        )
        return .reachAll(report, all)
    }

    /// `coverage-gaps`: territories by decreasing shortfall.
    func coverageGaps(_ query: AnalysisQuery, _ coverageGaps: CoverageGaps) throws -> AnalysisOutcome {
        let result = try coverageGaps.run(projection: self.projection, leads: self.leads)
        let territoryIds = self.projection.territoryIds
        let rows = result.territories.map {
            CoverageGapsReport.Row(id: territoryIds[$0.territory], demand: $0.demand, supply: $0.supply, agents: $0.agents, shortfall: $0.shortfall)
        }
        let report = CoverageGapsReport(
            graphVersion: self.projection.version,
            hops: coverageGaps.hops,
            demandScale: coverageGaps.demandScale,
            territories: rows.count,
            territoriesShort: rows.filter { $0.shortfall > 0 }.count,
            totalShortfall: rows.reduce(0) { $0 + max(0, $1.shortfall) },
            unknownTerritoryLeads: result.unknownTerritoryLeads,
            top: self.page(query, rows)
        )
        return .coverageGaps(report, result, territories: rows)
    }
}
