import LeadRoutingCore

/// One network-analysis request: the algorithm with its parameters, and the window of ranked rows to report (`top`
/// rows after skipping `offset`). The one place where the parameters' defaults (``Default``) and allowed values
/// (``Limit``) are declared: `leadrouter analyze` maps its flags to a query and `GET /api/v1/analytics/{algorithm}`
/// its query string (``init(algorithm:text:)``), so both accept the same values, and ``NetworkAnalysis`` builds the
/// same report for both. A query exists only with valid values: the initialisers throw ``AnalysisQueryError``
/// naming the parameter.
///
/// Large-graph guard: betweenness without `k` is exact (every agent a source: O(agents × referrals)) on graphs of
/// at most ``Limit/exactBetweennessAgents`` agents and sampled from ``Default/pivots`` pivots drawn with `seed`
/// above (the report then says `exact: false` with its sample size and seed); give `k` to choose either way.
public struct AnalysisQuery: Sendable, Hashable, CustomStringConvertible {
    /// `components`: which components the ranking and the CSV list (both kinds are counted).
    public enum ComponentKind: String, Sendable, Hashable, CaseIterable {
        case weak
        case strong
    }

    /// `leakage`: the groups whose referrals leak, Louvain communities or the agents' brokerages (``AgentGroups``).
    public enum LeakageGrouping: String, Sendable, Hashable, CaseIterable {
        case community
        case brokerage
    }

    /// The algorithm and the values of the parameters it reads.
    public enum Parameters: Sendable, Hashable {
        /// `tolerance` is what ``PageRank/tolerance`` bounds under `stop` (its default depends on `stop`).
        case pagerank(damping: Double, tolerance: Double, stop: PageRank.StopRule, maxIterations: Int)
        /// `k` nil: exact or sampled by the large-graph guard (``betweennessSources(k:seed:agentCount:)``).
        case betweenness(k: Int?, seed: UInt64)
        case communities(resolution: Double, seed: UInt64)
        case components(kind: ComponentKind)
        case reciprocity
        case topReferrers
        /// `resolution` and `seed` are Louvain's (`by` community); brokerage needs the agent groups.
        case leakage(by: LeakageGrouping, resolution: Double, seed: UInt64)
        case coverageGaps(hops: Int, demandScale: Double)
        /// `agent` nil: the reach of every agent, ranked by agents reached.
        case reach(agent: String?, hops: Int, direction: KHopReach.Direction)
    }

    /// What an omitted flag or query-string parameter means.
    public enum Default {
        public static let top = 10
        public static let offset = 0
        public static let damping = 0.85
        /// PageRank runs to convergence unless told to stop as NetworkX does.
        public static let stop = PageRank.StopRule.converged
        /// 1e-10 (total L1 change of a sweep) when converged; 1e-6 (NetworkX's `tol`, per agent) with the NetworkX rule.
        public static func tolerance(_ stop: PageRank.StopRule) -> Double { PageRank.defaultTolerance(stop) }
        public static let maxIterations = 1000
        /// Seed of the betweenness pivots and of Louvain's node order.
        public static let seed: UInt64 = 1
        public static let resolution = 1.0
        public static let kind = ComponentKind.weak
        public static let by = LeakageGrouping.community
        public static let reachHops = 2
        public static let coverageHops = 1
        public static let demandScale = 1.0
        public static let direction = KHopReach.Direction.out
        /// Pivots of betweenness without `k` on a graph above ``Limit/exactBetweennessAgents`` agents.
        public static let pivots = 256
    }

    /// The allowed values. The upper bounds keep one request's work and response bounded (page with `offset` for
    /// more rows; `--csv` lists every row); seeds stop at 2^53 − 1, the largest integer JSON clients keep exactly.
    public enum Limit {
        public static let top = 0...1_000
        public static let offset = 0...1_000_000_000
        public static let damping = 0.0...1.0
        /// Tolerance is in (0, this].
        public static let maxTolerance = 1.0
        public static let maxIterations = 1...10_000
        public static let k = 1...100_000
        public static let seed: ClosedRange<UInt64> = 0...9_007_199_254_740_991
        /// Resolution is in (0, this].
        public static let maxResolution = 1_000.0
        public static let reachHops = 1...10
        public static let coverageHops = 0...10
        /// Demand scale is in (0, this].
        public static let maxDemandScale = 1_000_000.0
        /// Largest graph on which betweenness without `k` is exact.
        public static let exactBetweennessAgents = 5_000
    }

    /// The algorithm and its parameters.
    public let parameters: Parameters
    /// Ranked rows to report (agents, communities, component sizes, groups or territories).
    public let top: Int
    /// Ranked rows skipped before the `top` reported (ranks then start at `offset + 1`).
    public let offset: Int

    /// A validated query.
    /// - Throws: ``AnalysisQueryError`` naming the first parameter out of range.
    public init(_ parameters: Parameters, top: Int = Default.top, offset: Int = Default.offset) throws(AnalysisQueryError) {
        try Self.check(.top, top, in: Limit.top)
        try Self.check(.offset, offset, in: Limit.offset)
        switch parameters {
        case .pagerank(let damping, let tolerance, _, let maxIterations):
            guard Limit.damping.contains(damping) else { throw .init(parameter: .damping, reason: "must be in [0, 1]") }
            try Self.checkPositive(.tolerance, tolerance, atMost: Limit.maxTolerance)
            try Self.check(.maxIterations, maxIterations, in: Limit.maxIterations)
        case .betweenness(let k, let seed):
            if let k { try Self.check(.k, k, in: Limit.k) }
            try Self.check(.seed, seed, in: Limit.seed)
        case .communities(let resolution, let seed), .leakage(_, let resolution, let seed):
            try Self.checkPositive(.resolution, resolution, atMost: Limit.maxResolution)
            try Self.check(.seed, seed, in: Limit.seed)
        case .components, .reciprocity, .topReferrers:
            break
        case .coverageGaps(let hops, let demandScale):
            try Self.check(.hops, hops, in: Limit.coverageHops)
            try Self.checkPositive(.demandScale, demandScale, atMost: Limit.maxDemandScale)
        case .reach(let agent, let hops, _):
            if agent?.isEmpty == true { throw .init(parameter: .agent, reason: "must not be empty (omit it for every agent)") }
            try Self.check(.hops, hops, in: Limit.reachHops)
        }
        self.parameters = parameters
        self.top = top
        self.offset = offset
    }

    /// The algorithm run.
    public var algorithm: AnalysisAlgorithm {
        switch self.parameters {
        case .pagerank: .pagerank
        case .betweenness: .betweenness
        case .communities: .communities
        case .components: .components
        case .reciprocity: .reciprocity
        case .topReferrers: .topReferrers
        case .leakage: .leakage
        case .coverageGaps: .coverageGaps
        case .reach: .reach
        }
    }

    /// Where betweenness starts its shortest paths on a graph of `agentCount` agents: `k` pivots drawn with `seed`
    /// when `k` is given, else every agent up to ``Limit/exactBetweennessAgents`` agents and ``Default/pivots``
    /// pivots above (the large-graph guard).
    public static func betweennessSources(k: Int?, seed: UInt64, agentCount: Int) -> Betweenness.Sources {
        if let k { return .sample(count: k, seed: seed) }
        return agentCount <= Limit.exactBetweennessAgents ? .all : .sample(count: Default.pivots, seed: seed)
    }

    /// The algorithm and every parameter value, e.g. `pagerank damping=0.85 tolerance=1e-10 stop=converged
    /// max-iterations=1000 top=10 offset=0`: equal texts mean equal reports on the same graph.
    public var description: String {
        ([self.algorithm.rawValue] + self.textParameters.map { "\($0.name.rawValue)=\($0.value)" }).joined(separator: " ")
    }

    private static func check<T: Comparable>(_ parameter: AnalysisParameter, _ value: T, in range: ClosedRange<T>) throws(AnalysisQueryError) {
        guard range.contains(value) else { throw .init(parameter: parameter, reason: "must be an integer \(range.lowerBound)–\(range.upperBound)") }
    }

    private static func checkPositive(_ parameter: AnalysisParameter, _ value: Double, atMost limit: Double) throws(AnalysisQueryError) {
        guard value > 0 && value <= limit else { throw .init(parameter: parameter, reason: "must be in (0, \(AnalysisQuery.text(limit))]") }
    }
}
