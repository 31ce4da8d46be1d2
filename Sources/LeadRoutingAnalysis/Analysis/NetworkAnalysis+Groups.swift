import LeadRoutingCore

extension NetworkAnalysis {
    /// `communities`, numbered by decreasing size, each with its internal volume and three busiest agents.
    func communities(_ query: AnalysisQuery, _ louvain: Louvain, _ progress: Progress?) throws -> AnalysisOutcome {
        let result = try louvain.run(on: self.graph) { (done, total) throws(AnalysisError) in try progress?("louvain levels", done, total) }
        let summary = CommunitySummary(graph: self.graph, communities: result.communities, count: result.sizes.count)
        let ids = self.projection.agentIds
        let report = CommunitiesReport(
            graphVersion: self.projection.version,
            agents: self.projection.agentCount,
            communities: result.sizes.count,
            modularity: result.modularity,
            resolution: louvain.resolution,
            seed: louvain.seed,
            levels: result.levels,
            top: self.page(query, Array(result.sizes.indices)).map { c in
                CommunitiesReport.Community(
                    community: CommunitySummary.label(c),
                    agents: result.sizes[c],
                    internalReferrals: summary.internalVolume[c],
                    topAgents: summary.topMembers(of: c, count: 3).map { ids[$0] }
                )
            }
        )
        return .communities(report, result, summary)
    }

    /// `components`: both kinds counted, the sizes of the kind asked for listed.
    func components(_ query: AnalysisQuery, kind: AnalysisQuery.ComponentKind) -> AnalysisOutcome {
        let graph = self.graph
        let weak = ConnectedComponents.weak(graph)
        let strong = ConnectedComponents.strong(graph)
        let chosen = kind == .weak ? weak : strong
        let report = ComponentsReport(
            graphVersion: self.projection.version,
            agents: self.projection.agentCount,
            kind: kind.rawValue,
            weakComponents: weak.count,
            strongComponents: strong.count,
            largestWeak: weak.sizes.first ?? 0,
            largestStrong: strong.sizes.first ?? 0,
            isolatedAgents: (0..<graph.nodeCount).filter {
                graph.outgoing.degree(of: Int32($0)) == 0 && graph.incoming.degree(of: Int32($0)) == 0
            }.count,
            topSizes: self.page(query, chosen.sizes)
        )
        return .components(report, chosen)
    }

    /// `leakage` of Louvain communities (named `C0`, `C1`, … by size) or of the agents' brokerages (``groups``).
    func leakage(
        _ query: AnalysisQuery,
        by grouping: AnalysisQuery.LeakageGrouping,
        louvain: Louvain,
        _ progress: Progress?
    ) throws -> AnalysisOutcome {
        let labels: [Int32]
        let names: [String]
        switch grouping {
        case .community:
            let result = try louvain.run(on: self.graph) { (done, total) throws(AnalysisError) in try progress?("louvain levels", done, total) }
            labels = result.communities
            names = result.sizes.indices.map(CommunitySummary.label)
        case .brokerage:
            guard let groups = self.groups else {
                throw AnalysisQueryError(parameter: .by, reason: "brokerage needs agent groups, and none were given for this graph")
            }
            (labels, names) = groups.labels(for: self.projection.agentIds)
        }
        let leakage = ReferralLeakage(self.graph, groups: labels)
        let rows = leakage.groups.map {
            LeakageReport.Group(
                group: names[$0.group],
                agents: $0.agents,
                internalReferrals: $0.internalVolume,
                outgoingReferrals: $0.outgoingVolume,
                incomingReferrals: $0.incomingVolume,
                leakage: $0.leakage
            )
        }
        let report = LeakageReport(
            graphVersion: self.projection.version,
            by: grouping.rawValue,
            groups: rows.count,
            overall: leakage.overall,
            unassignedAgents: leakage.unassignedAgents,
            top: self.page(query, rows)
        )
        return .leakage(report, groups: rows)
    }
}
