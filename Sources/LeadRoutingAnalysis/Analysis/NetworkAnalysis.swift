public import LeadRoutingCore

/// Runs ``AnalysisQuery``s on one graph projection and builds their reports: the only place the analysis reports are
/// made, for `leadrouter analyze` and `GET /api/v1/analytics/{algorithm}` alike. Immutable, so one value serves
/// concurrent queries.
public struct NetworkAnalysis: Sendable {
    /// Progress of a long run: the phase (e.g. `pagerank`), units done and the total. Throwing
    /// ``AnalysisError/cancelled`` stops the run there (the service does when its client has gone).
    public typealias Progress = (_ phase: String, _ done: Int, _ total: Int) throws(AnalysisError) -> Void

    /// The graph analysed.
    public let projection: GraphProjection
    /// Its referral digraph (edge weight = `sent`).
    public let graph: WeightedDigraph
    /// The demand of `coverage-gaps`: the dataset's leads (empty when the graph came without them).
    public let leads: [Lead]
    /// The groups of `leakage` by brokerage; nil when none are known.
    public let groups: AgentGroups?

    /// - Parameters:
    ///   - graph: the referral digraph of `projection` when already built; nil builds it.
    public init(projection: GraphProjection, leads: [Lead] = [], groups: AgentGroups? = nil, graph: WeightedDigraph? = nil) {
        self.projection = projection
        self.graph = graph ?? WeightedDigraph(projection: projection)
        self.leads = leads
        self.groups = groups
    }

    /// Runs `query` and builds its report, calling `progress` during long phases.
    /// - Throws: ``AnalysisQueryError`` when the query cannot run on this graph (an unknown agent, no agent groups
    ///   for `leakage` by brokerage, PageRank not converging within `max-iterations`); ``AnalysisError`` if an
    ///   algorithm rejects what the query admitted (a defect: the query's limits are within the algorithms').
    public func run(_ query: AnalysisQuery, progress: Progress? = nil) throws -> AnalysisOutcome {
        switch query.parameters {
        case .pagerank(let damping, let tolerance, let maxIterations):
            return try self.pageRank(query, PageRank(damping: damping, tolerance: tolerance, maxIterations: maxIterations), progress)
        case .betweenness(let k, let seed):
            let sources = AnalysisQuery.betweennessSources(k: k, seed: seed, agentCount: self.projection.agentCount)
            return try self.betweenness(query, Betweenness(sources: sources), seed: seed, progress)
        case .communities(let resolution, let seed):
            return try self.communities(query, Louvain(resolution: resolution, seed: seed), progress)
        case .components(let kind):
            return self.components(query, kind: kind)
        case .reciprocity:
            return self.reciprocity(query)
        case .topReferrers:
            return self.topReferrers(query)
        case .leakage(let by, let resolution, let seed):
            return try self.leakage(query, by: by, louvain: Louvain(resolution: resolution, seed: seed), progress)
        case .coverageGaps(let hops, let demandScale):
            return try self.coverageGaps(query, CoverageGaps(hops: hops, demandScale: demandScale))
        case .reach(let agent, let hops, let direction):
            let reach = KHopReach(hops: hops, direction: direction)
            guard let agent else { return try self.reachAll(query, reach, progress) }
            return try self.reach(query, reach, from: agent)
        }
    }

    /// Indices of the `query.top` best of `scores` after skipping `query.offset`.
    func window(_ query: AnalysisQuery, of scores: [Double]) -> ArraySlice<Int> {
        Ranking.top(query.offset + query.top, of: scores).dropFirst(query.offset)
    }

    /// The ranked rows of `scores` in `query`'s window.
    func ranked(_ query: AnalysisQuery, _ scores: [Double]) -> [RankedScore] {
        RankedScore.ranked(self.window(query, of: scores), scores: scores, ids: self.projection.agentIds, firstRank: query.offset + 1)
    }

    /// The rows of an already ordered list in `query`'s window.
    func page<Row>(_ query: AnalysisQuery, _ rows: [Row]) -> [Row] {
        Array(rows.dropFirst(query.offset).prefix(query.top))
    }
}
