import LeadRoutingCore

extension NetworkAnalysis {
    /// `pagerank`; not converging within `max-iterations` is that parameter's fault.
    func pageRank(_ query: AnalysisQuery, _ pageRank: PageRank, _ progress: Progress?) throws -> AnalysisOutcome {
        let result: PageRank.Result
        do {
            result = try pageRank.run(on: self.graph) { (done, total) throws(AnalysisError) in try progress?("pagerank", done, total) }
        } catch {
            guard error == .notConverged(iterations: pageRank.maxIterations) else { throw error }
            throw AnalysisQueryError(parameter: .maxIterations, reason: "\(error)")
        }
        let report = PageRankReport(
            graphVersion: self.projection.version,
            agents: self.projection.agentCount,
            damping: pageRank.damping,
            tolerance: pageRank.tolerance,
            iterations: result.iterations,
            lastChange: result.lastChange,
            top: self.ranked(query, result.scores)
        )
        return .pagerank(report, result)
    }

    /// `betweenness`; the seed is reported only when sampled.
    func betweenness(_ query: AnalysisQuery, _ betweenness: Betweenness, seed: UInt64, _ progress: Progress?) throws -> AnalysisOutcome {
        let result = try betweenness.run(on: self.graph) { (done, total) throws(AnalysisError) in try progress?("betweenness", done, total) }
        let report = BetweennessReport(
            graphVersion: self.projection.version,
            agents: self.projection.agentCount,
            exact: result.exact,
            sampleSize: result.sampleSize,
            seed: result.exact ? nil : seed,
            top: self.ranked(query, result.scores)
        )
        return .betweenness(report, result)
    }

    /// `reciprocity`; agents without referrals (undefined reciprocity) are not ranked.
    func reciprocity(_ query: AnalysisQuery) -> AnalysisOutcome {
        let result = Reciprocity(self.graph)
        let scores = result.perNode.map { $0 ?? .nan }
        let report = ReciprocityReport(
            graphVersion: self.projection.version,
            agents: self.projection.agentCount,
            edges: self.graph.edgeCount,
            reciprocatedEdges: result.reciprocatedEdges,
            overall: result.overall,
            top: self.ranked(query, scores).filter { !$0.score.isNaN }
        )
        return .reciprocity(report, result)
    }

    /// `top-referrers`: the same window of both rankings.
    func topReferrers(_ query: AnalysisQuery) -> AnalysisOutcome {
        let volume = ReferralVolume(self.graph)
        let report = TopReferrersReport(
            graphVersion: self.projection.version,
            agents: self.projection.agentCount,
            totalReferrals: volume.sent.reduce(0, +),
            topReferrers: self.ranked(query, volume.sent),
            topReceivers: self.ranked(query, volume.received)
        )
        return .topReferrers(report, volume)
    }
}
