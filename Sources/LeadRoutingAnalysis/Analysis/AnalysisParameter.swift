import LeadRoutingCore

/// The name of an analysis parameter: the `leadrouter analyze` flag without its dashes and the query-string key of
/// `GET /api/v1/analytics/{algorithm}` (the same word on both, so an error names it for either).
public enum AnalysisParameter: String, Sendable, Hashable, CaseIterable {
    /// Rows in the ranking.
    case top
    /// Ranked rows skipped before `top` (paging).
    case offset
    case damping
    case tolerance
    /// PageRank's stopping rule: `converged` or `networkx`.
    case stop
    case maxIterations = "max-iterations"
    case k
    case seed
    case resolution
    case kind
    case by
    case hops
    case demandScale = "demand-scale"
    case agent
    case direction
}
