import LeadRoutingCore

/// What ``NetworkAnalysis/run(_:progress:)`` returns: the report (the JSON body of `leadrouter analyze … --json` and of
/// `GET /api/v1/analytics/{algorithm}`, one report type per algorithm) with the complete result behind it, which
/// the CLI's CSV files and pictures list in full.
public enum AnalysisOutcome: Sendable {
    case pagerank(PageRankReport, PageRank.Result)
    case betweenness(BetweennessReport, Betweenness.Result)
    case communities(CommunitiesReport, Louvain.Result, CommunitySummary)
    /// With the components of the kind asked for.
    case components(ComponentsReport, ConnectedComponents)
    case reciprocity(ReciprocityReport, Reciprocity)
    /// `reach` from one agent.
    case reach(ReachReport, KHopReach.Result)
    /// `reach` of every agent (by agent index).
    case reachAll(ReachAllReport, [KHopReach.Result])
    case topReferrers(TopReferrersReport, ReferralVolume)
    /// With every group, highest leakage share first.
    case leakage(LeakageReport, groups: [LeakageReport.Group])
    /// With every territory, largest shortfall first.
    case coverageGaps(CoverageGapsReport, CoverageGaps.Result, territories: [CoverageGapsReport.Row])

    /// The report alone.
    public var report: any Encodable & Sendable {
        switch self {
        case .pagerank(let report, _): report
        case .betweenness(let report, _): report
        case .communities(let report, _, _): report
        case .components(let report, _): report
        case .reciprocity(let report, _): report
        case .reach(let report, _): report
        case .reachAll(let report, _): report
        case .topReferrers(let report, _): report
        case .leakage(let report, _): report
        case .coverageGaps(let report, _, _): report
        }
    }
}
