import Dispatch
import Foundation
import HTTPTypes
import LeadRoutingCore
import Synchronization

/// The algorithms of `GET /api/v1/analytics/{algorithm}`, named as the `leadrouter analyze` subcommands.
enum AnalyticsAlgorithm: String, Sendable, CaseIterable {
    case pagerank
    case betweenness
    case communities
    case components
    case reciprocity
    case topReferrers = "top-referrers"
    case leakage
    case coverageGaps = "coverage-gaps"
    case reach
}

/// One analytics request, validated: the algorithm with its parameters (the CLI flags' names and defaults) and `top`.
/// Two queries with equal ``cacheKey``s produce the same report on the same graph version.
struct AnalyticsQuery: Sendable, Equatable {
    enum Parameters: Sendable, Equatable {
        case pagerank(damping: Double, tolerance: Double, maxIterations: Int)
        case betweenness(k: Int, seed: UInt64)
        case communities(resolution: Double, seed: UInt64)
        case components(kind: String)
        case reciprocity
        case topReferrers
        case leakage(seed: UInt64, resolution: Double)
        case coverageGaps(hops: Int, demandScale: Double)
        case reach(agent: String, hops: Int, direction: KHopReach.Direction)
    }

    var algorithm: AnalyticsAlgorithm
    var parameters: Parameters
    var top: Int

    /// Rows in a ranking: default 10, at most 1000.
    static let topRange = 0...1000
    /// Pivots of the sampled betweenness when `k` is not given; graphs with at most this many agents get the exact
    /// betweenness (k ≥ agents).
    static let defaultPivots = 256
    static let pivotRange = 1...100_000
    /// Largest seed: integers beyond 2^53 do not survive JSON clients.
    static let maxSeed: UInt64 = 9_007_199_254_740_991
    static let maxIterationsRange = 1...10_000
    static let reachHopsRange = 1...10
    static let coverageHopsRange = 0...10
    static let maxResolution = 1_000.0
    static let maxDemandScale = 1_000_000.0

    /// Parses the query string; throws a 422 problem naming the parameter.
    init(algorithm: AnalyticsAlgorithm, query: [String: String]) throws(ServiceError) {
        self.algorithm = algorithm
        self.top = try Self.integer(query, "top", in: Self.topRange) ?? 10
        switch algorithm {
        case .pagerank:
            let damping = try Self.number(query, "damping", default: 0.85) { $0 >= 0 && $0 <= 1 ? nil : "must be in [0, 1]" }
            let tolerance = try Self.number(query, "tolerance", default: 1e-6) { $0 > 0 && $0 <= 1 ? nil : "must be in (0, 1]" }
            let maxIterations = try Self.integer(query, "max-iterations", in: Self.maxIterationsRange) ?? 100
            self.parameters = .pagerank(damping: damping, tolerance: tolerance, maxIterations: maxIterations)
        case .betweenness:
            let k = try Self.integer(query, "k", in: Self.pivotRange) ?? Self.defaultPivots
            self.parameters = .betweenness(k: k, seed: try Self.seed(query))
        case .communities:
            self.parameters = .communities(resolution: try Self.resolution(query), seed: try Self.seed(query))
        case .components:
            let kind = query["kind"] ?? "weak"
            guard kind == "weak" || kind == "strong" else { throw .invalidQueryParameter("kind", "must be weak or strong") }
            self.parameters = .components(kind: kind)
        case .reciprocity:
            self.parameters = .reciprocity
        case .topReferrers:
            self.parameters = .topReferrers
        case .leakage:
            if let by = query["by"], by != "community" {
                throw .invalidQueryParameter("by", "only community is available over HTTP (brokerage needs the CLI's --groups file)")
            }
            self.parameters = .leakage(seed: try Self.seed(query), resolution: try Self.resolution(query))
        case .coverageGaps:
            let hops = try Self.integer(query, "hops", in: Self.coverageHopsRange) ?? 1
            let scale = try Self.number(query, "demand-scale", default: 1) { $0 > 0 && $0 <= Self.maxDemandScale ? nil : "must be in (0, 1000000]" }
            self.parameters = .coverageGaps(hops: hops, demandScale: scale)
        case .reach:
            guard let agent = query["agent"], !agent.isEmpty else { throw .invalidQueryParameter("agent", "required: the source agent id") }
            let hops = try Self.integer(query, "hops", in: Self.reachHopsRange) ?? 2
            let text = query["direction"] ?? "out"
            guard let direction = KHopReach.Direction(rawValue: text) else { throw .invalidQueryParameter("direction", "must be out, in or both") }
            self.parameters = .reach(agent: agent, hops: hops, direction: direction)
        }
    }

    /// The canonical text of the algorithm, its parameters and `top` (the cache key within one graph version).
    var cacheKey: String { "\(self.algorithm.rawValue) \(self.parameters) top=\(self.top)" }

    private static func integer(_ query: [String: String], _ name: String, in range: ClosedRange<Int>) throws(ServiceError) -> Int? {
        guard let text = query[name] else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw .invalidQueryParameter(name, "must be an integer \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    private static func number(
        _ query: [String: String],
        _ name: String,
        default value: Double,
        check: (Double) -> String?
    ) throws(ServiceError) -> Double {
        guard let text = query[name] else { return value }
        guard let parsed = Double(text), parsed.isFinite else { throw .invalidQueryParameter(name, "must be a finite number") }
        if let reason = check(parsed) { throw .invalidQueryParameter(name, reason) }
        return parsed
    }

    private static func seed(_ query: [String: String]) throws(ServiceError) -> UInt64 {
        guard let text = query["seed"] else { return 1 }
        guard let value = UInt64(text), value <= Self.maxSeed else { throw .invalidQueryParameter("seed", "must be an integer 0–\(Self.maxSeed)") }
        return value
    }

    private static func resolution(_ query: [String: String]) throws(ServiceError) -> Double {
        try Self.number(query, "resolution", default: 1) { $0 > 0 && $0 <= Self.maxResolution ? nil : "must be in (0, 1000]" }
    }
}

/// Runs the analyses on the service's graph (immutable per version) and caches the encoded reports per graph
/// version and parameter set, so a repeated request is answered from memory with the same body.
final class NetworkAnalytics: Sendable {
    let projection: GraphProjection
    /// The dataset's leads: the demand of `coverage-gaps` (empty when the graph came without a dataset).
    let leads: [Lead]
    private let digraph = Mutex<WeightedDigraph?>(nil)
    let cache: AnalyticsCache

    init(projection: GraphProjection, leads: [Lead], cacheCapacity: Int = AnalyticsCache.defaultCapacity) {
        self.projection = projection
        self.leads = leads
        self.cache = AnalyticsCache(capacity: cacheCapacity)
    }

    /// The JSON body for `query`: the report plus `computedAt`, from the cache when this graph version already
    /// answered the same query.
    func report(_ query: AnalyticsQuery) async throws -> (body: [UInt8], cached: Bool) {
        let key = self.projection.version + " " + query.cacheKey
        return try await self.cache.value(for: key) {
            try await Self.offCooperativePool { try self.compute(query) }
        }
    }

    /// The referral digraph, built on first use.
    private var graph: WeightedDigraph {
        if let graph = self.digraph.withLock({ $0 }) { return graph }
        let graph = WeightedDigraph(projection: self.projection)
        self.digraph.withLock { $0 = graph }
        return graph
    }

    /// Long analyses run on a Dispatch thread so they do not hold one of the few cooperative threads that serve
    /// the other requests.
    private static func offCooperativePool(_ body: @escaping @Sendable () throws -> [UInt8]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }

    func compute(_ query: AnalyticsQuery) throws -> [UInt8] {
        let projection = self.projection
        let ids = projection.agentIds
        let version = projection.version
        let top = query.top
        do {
            switch query.parameters {
            case .pagerank(let damping, let tolerance, let maxIterations):
                let result = try Self.pageRank(PageRank(damping: damping, tolerance: tolerance, maxIterations: maxIterations), on: self.graph)
                return try Self.body(
                    PageRankReport(
                        graphVersion: version,
                        agents: projection.agentCount,
                        damping: damping,
                        tolerance: tolerance,
                        iterations: result.iterations,
                        lastChange: result.lastChange,
                        top: RankedScore.ranked(Ranking.top(top, of: result.scores), scores: result.scores, ids: ids)
                    )
                )
            case .betweenness(let k, let seed):
                let result = try Betweenness(sources: .sample(count: k, seed: seed)).run(on: self.graph)
                return try Self.body(
                    BetweennessReport(
                        graphVersion: version,
                        agents: projection.agentCount,
                        exact: result.exact,
                        sampleSize: result.sampleSize,
                        seed: result.exact ? nil : seed,
                        top: RankedScore.ranked(Ranking.top(top, of: result.scores), scores: result.scores, ids: ids)
                    )
                )
            case .communities(let resolution, let seed):
                let graph = self.graph
                let result = try Louvain(resolution: resolution, seed: seed).run(on: graph)
                let summary = CommunitySummary(graph: graph, communities: result.communities, count: result.sizes.count)
                return try Self.body(
                    CommunitiesReport(
                        graphVersion: version,
                        agents: projection.agentCount,
                        communities: result.sizes.count,
                        modularity: result.modularity,
                        resolution: resolution,
                        seed: seed,
                        levels: result.levels,
                        top: (0..<min(top, result.sizes.count)).map { c in
                            CommunitiesReport.Community(
                                community: c,
                                agents: result.sizes[c],
                                internalReferrals: summary.internalVolume[c],
                                topAgents: summary.topMembers(of: c, count: 3).map { ids[$0] }
                            )
                        }
                    )
                )
            case .components(let kind):
                let graph = self.graph
                let weak = ConnectedComponents.weak(graph)
                let strong = ConnectedComponents.strong(graph)
                let chosen = kind == "weak" ? weak : strong
                return try Self.body(
                    ComponentsReport(
                        graphVersion: version,
                        agents: projection.agentCount,
                        kind: kind,
                        weakComponents: weak.count,
                        strongComponents: strong.count,
                        largestWeak: weak.sizes.first ?? 0,
                        largestStrong: strong.sizes.first ?? 0,
                        isolatedAgents: (0..<graph.nodeCount).filter {
                            graph.outgoing.degree(of: Int32($0)) == 0 && graph.incoming.degree(of: Int32($0)) == 0
                        }.count,
                        topSizes: Array(chosen.sizes.prefix(top))
                    )
                )
            case .reciprocity:
                let graph = self.graph
                let result = Reciprocity(graph)
                let scores = result.perNode.map { $0 ?? .nan }
                return try Self.body(
                    ReciprocityReport(
                        graphVersion: version,
                        agents: projection.agentCount,
                        edges: graph.edgeCount,
                        reciprocatedEdges: result.reciprocatedEdges,
                        overall: result.overall,
                        top: RankedScore.ranked(Ranking.top(top, of: scores), scores: scores, ids: ids).filter { !$0.score.isNaN }
                    )
                )
            case .topReferrers:
                let volume = ReferralVolume(self.graph)
                return try Self.body(
                    TopReferrersReport(
                        graphVersion: version,
                        agents: ids.count,
                        totalReferrals: volume.sent.reduce(0, +),
                        topReferrers: RankedScore.ranked(volume.topReferrers(top), scores: volume.sent, ids: ids),
                        topReceivers: RankedScore.ranked(volume.topReceivers(top), scores: volume.received, ids: ids)
                    )
                )
            case .leakage(let seed, let resolution):
                let graph = self.graph
                let communities = try Louvain(resolution: resolution, seed: seed).run(on: graph)
                let leakage = ReferralLeakage(graph, groups: communities.communities)
                let rows = leakage.groups.map {
                    LeakageReport.Group(
                        group: "C\($0.group)",
                        agents: $0.agents,
                        internalReferrals: $0.internalVolume,
                        outgoingReferrals: $0.outgoingVolume,
                        incomingReferrals: $0.incomingVolume,
                        leakage: $0.leakage
                    )
                }
                return try Self.body(
                    LeakageReport(
                        graphVersion: version,
                        by: "community",
                        groups: rows.count,
                        overall: leakage.overall,
                        unassignedAgents: leakage.unassignedAgents,
                        top: Array(rows.prefix(top))
                    )
                )
            case .coverageGaps(let hops, let demandScale):
                let result = try CoverageGaps(hops: hops, demandScale: demandScale).run(projection: projection, leads: self.leads)
                let territoryIds = projection.territoryIds
                let rows = result.territories.map {
                    CoverageGapsReport.Row(
                        id: territoryIds[$0.territory],
                        demand: $0.demand,
                        supply: $0.supply,
                        agents: $0.agents,
                        shortfall: $0.shortfall
                    )
                }
                return try Self.body(
                    CoverageGapsReport(
                        graphVersion: version,
                        hops: hops,
                        demandScale: demandScale,
                        territories: rows.count,
                        territoriesShort: rows.filter { $0.shortfall > 0 }.count,
                        totalShortfall: rows.reduce(0) { $0 + max(0, $1.shortfall) },
                        unknownTerritoryLeads: result.unknownTerritoryLeads,
                        top: Array(rows.prefix(top))
                    )
                )
            case .reach(let agent, let hops, let direction):
                guard let source = projection.agent(agent) else { throw ServiceError.invalidQueryParameter("agent", "unknown agent id") }
                let result = try KHopReach(hops: hops, direction: direction).run(from: Int(source), on: self.graph)
                return try Self.body(
                    ReachReport(
                        graphVersion: version,
                        agent: agent,
                        hops: hops,
                        direction: direction.rawValue,
                        agents: result.agents,
                        agentsPerHop: result.agentsPerHop,
                        volume: result.volume,
                        reached: result.reached.prefix(top).map { .init(id: ids[$0.node], hops: $0.hops) }
                    )
                )
            }
        } catch let error as AnalysisError {
            throw ServiceError(.unprocessableContent, kind: "analysis-failed", title: "Analysis Failed", detail: "\(error)")
        }
    }

    /// PageRank; not converging within `max-iterations` is that parameter's fault.
    private static func pageRank(_ pageRank: PageRank, on graph: WeightedDigraph) throws -> PageRank.Result {
        let outcome = Result { () throws(AnalysisError) -> PageRank.Result in try pageRank.run(on: graph) }
        switch outcome {
        case .success(let result):
            return result
        case .failure(let error):
            if error == .notConverged(iterations: pageRank.maxIterations) {
                throw ServiceError.invalidQueryParameter("max-iterations", "\(error)")
            }
            throw error
        }
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The report's JSON object with `computedAt` (now, RFC 3339) added as its last member.
    static func body(_ report: some Encodable) throws -> [UInt8] {
        var bytes = Array(try Self.encoder.encode(report))
        // Every report encodes as a non-empty JSON object: replace its closing brace.
        precondition(bytes.last == UInt8(ascii: "}") && bytes.count > 2, "a report must encode as a JSON object")
        bytes.removeLast()
        bytes += Array(",\"computedAt\":\"\(Date().ISO8601Format())\"}".utf8)
        return bytes
    }
}

/// A bounded cache of computed analytics bodies. A graph version never changes, so a hit is exact. Concurrent
/// requests for the same key share one computation; failures are not cached; the least recently used entry goes
/// when the cache is full.
actor AnalyticsCache {
    static let defaultCapacity = 64

    private struct Entry {
        var task: Task<[UInt8], any Error>
        var id: UInt64
        var lastUse: UInt64
    }

    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { self.entries.count }

    /// The cached value for `key`, or the value of `compute` (then cached); `cached` tells which.
    func value(for key: String, compute: @escaping @Sendable () async throws -> [UInt8]) async throws -> (body: [UInt8], cached: Bool) {
        self.clock += 1
        if var entry = self.entries[key] {
            entry.lastUse = self.clock
            self.entries[key] = entry
            return (try await entry.task.value, true)
        }
        let id = self.clock
        let task = Task { try await compute() }
        self.entries[key] = Entry(task: task, id: id, lastUse: id)
        if self.entries.count > self.capacity, let oldest = self.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            self.entries[oldest] = nil
        }
        do {
            return (try await task.value, false)
        } catch {
            if self.entries[key]?.id == id { self.entries[key] = nil }
            throw error
        }
    }
}
