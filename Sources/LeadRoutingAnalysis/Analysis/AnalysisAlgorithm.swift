import LeadRoutingCore

/// The network analyses, named as the `leadrouter analyze` subcommands and the `GET /api/v1/analytics/{algorithm}`
/// path segment.
public enum AnalysisAlgorithm: String, Sendable, Hashable, CaseIterable {
    case pagerank
    case betweenness
    case communities
    case components
    case reciprocity
    case topReferrers = "top-referrers"
    case leakage
    case coverageGaps = "coverage-gaps"
    case reach

    /// The parameters this algorithm reads besides ``AnalysisParameter/top`` and ``AnalysisParameter/offset``
    /// (which every algorithm reads); others are ignored.
    public var parameters: [AnalysisParameter] {
        switch self {
        case .pagerank: [.damping, .tolerance, .maxIterations]
        case .betweenness: [.k, .seed]
        case .communities: [.resolution, .seed]
        case .components: [.kind]
        case .reciprocity, .topReferrers: []
        case .leakage: [.by, .resolution, .seed]
        case .coverageGaps: [.hops, .demandScale]
        case .reach: [.agent, .hops, .direction]
        }
    }
}
