extension AnalysisQuery {
    /// The query in its one canonical form among the queries that give the same report on a graph of
    /// `agentCount` agents, so equivalent requests share one cache entry:
    /// - betweenness that is exact (no `k` up to ``Limit/exactBetweennessAgents`` agents, or any `k` ≥ agents) does
    ///   not depend on `k` or `seed`; sampled betweenness without `k` is the same as `k` = ``Default/pivots``;
    /// - leakage by brokerage does not run Louvain, so its `resolution` and `seed` do not count.
    ///
    /// Omitted parameters already hold their defaults in every query (``init(algorithm:text:)``).
    public func normalized(agentCount: Int) -> AnalysisQuery {
        let parameters: Parameters
        switch self.parameters {
        case .betweenness(let k, let seed):
            switch Self.betweennessSources(k: k, seed: seed, agentCount: agentCount) {
            case .sample(let count, let seed) where count < agentCount:
                parameters = .betweenness(k: count, seed: seed)
            default:
                // Exact: every agent a source, whatever k and seed say.
                parameters = .betweenness(k: agentCount <= Limit.exactBetweennessAgents ? nil : agentCount, seed: Default.seed)
            }
        case .leakage(.brokerage, _, _):
            parameters = .leakage(by: .brokerage, resolution: Default.resolution, seed: Default.seed)
        default:
            return self
        }
        // The parameters come from a valid query of the same algorithm and stay within its limits.
        return (try? AnalysisQuery(parameters, top: self.top, offset: self.offset)) ?? self
    }
}
