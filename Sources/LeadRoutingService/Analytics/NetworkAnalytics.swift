import Dispatch
import Foundation
import HTTPTypes
import LeadRoutingAnalysis
import LeadRoutingCore
import Synchronization

/// The service's network analytics: runs the core's ``NetworkAnalysis`` on the service's graph (immutable per
/// version) and caches the encoded reports per graph version and query, so a repeated request is answered from
/// memory with the same body.
final class NetworkAnalytics: Sendable {
    /// The graph analysed, its leads and the analysis built on it: replaced together when a newer graph is installed.
    private struct Graph {
        var projection: GraphProjection
        /// The dataset's leads: the demand of `coverage-gaps` (empty when the graph came without a dataset).
        var leads: [Lead]
        /// The analysis, with its referral digraph built on first use.
        var analysis: NetworkAnalysis?
    }

    private let graph: Mutex<Graph>
    /// The groups of `leakage?by=brokerage` (nil: that query answers 422).
    let groups: AgentGroups?
    let cache: AnalyticsCache
    /// The clock of `computedAt` (the service's one injected clock).
    let clock: any WallClock

    init(
        projection: GraphProjection,
        leads: [Lead],
        groups: AgentGroups? = nil,
        cacheCapacity: Int = AnalyticsCache.defaultCapacity,
        maxRunning: Int = ServiceConfiguration.defaultAnalyticsConcurrency,
        clock: any WallClock = SystemWallClock()
    ) {
        self.graph = Mutex(Graph(projection: projection, leads: leads, analysis: nil))
        self.groups = groups
        self.cache = AnalyticsCache(capacity: cacheCapacity, maxRunning: maxRunning)
        self.clock = clock
    }

    /// The JSON body for `query`: the report plus `computedAt`, from the cache when this graph version already
    /// answered an equivalent query (``AnalysisQuery/normalized(agentCount:)``).
    func report(_ query: AnalysisQuery) async throws -> (body: [UInt8], cached: Bool) {
        let analysis = self.networkAnalysis
        let query = query.normalized(agentCount: analysis.projection.agentCount)
        let key = analysis.projection.version + " " + query.description
        return try await self.cache.value(for: key) { stop in
            try await Self.offCooperativePool { try self.compute(query, on: analysis, stop: stop) }
        }
    }

    /// Analyses `projection` (a newer graph) from now on; reports of the older one stay cached under its version.
    func replace(projection: GraphProjection, leads: [Lead]) {
        self.graph.withLock { $0 = Graph(projection: projection, leads: leads, analysis: nil) }
    }

    /// The report's JSON body, computed now; the core's query errors become 422 naming the parameter. The run
    /// stops at its next progress step once `stop` is set.
    func compute(_ query: AnalysisQuery, stop: AnalyticsCache.StopFlag = .init()) throws -> [UInt8] {
        try self.compute(query, on: self.networkAnalysis, stop: stop)
    }

    private func compute(_ query: AnalysisQuery, on analysis: NetworkAnalysis, stop: AnalyticsCache.StopFlag) throws -> [UInt8] {
        let outcome: AnalysisOutcome
        do {
            outcome = try analysis.run(query) { (_, _, _) throws(AnalysisError) in
                if stop.isSet { throw .cancelled }
            }
        } catch let error as AnalysisQueryError {
            throw ServiceError(error)
        } catch {
            throw ServiceError(.unprocessableContent, kind: "analysis-failed", title: "Analysis Failed", detail: "\(error)")
        }
        return try Self.body(outcome.report, computedAtMillis: self.clock.nowMillis())
    }

    private var networkAnalysis: NetworkAnalysis {
        let (projection, leads, existing) = self.graph.withLock { ($0.projection, $0.leads, $0.analysis) }
        if let existing { return existing }
        let analysis = NetworkAnalysis(projection: projection, leads: leads, groups: self.groups)
        self.graph.withLock { graph in
            if graph.analysis == nil && graph.projection.version == projection.version { graph.analysis = analysis }
        }
        return analysis
    }

    /// Long analyses run on a Dispatch thread so they do not hold one of the few cooperative threads that serve
    /// the other requests.
    private static func offCooperativePool(_ body: @escaping @Sendable () throws -> [UInt8]) async throws -> [UInt8] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// The report's JSON object with `computedAt` (``ISO8601Timestamp``) among its members, keys sorted.
    static func body(_ report: some Encodable, computedAtMillis: Int64) throws -> [UInt8] {
        try StableJSON.bytes(Stamped(report: report, computedAt: ISO8601Timestamp.string(millis: computedAtMillis)))
    }

    /// A report with `computedAt` added to its own JSON object.
    private struct Stamped<Report: Encodable>: Encodable {
        var report: Report
        var computedAt: String

        enum CodingKeys: String, CodingKey { case computedAt }

        func encode(to encoder: any Encoder) throws {
            try self.report.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.computedAt, forKey: .computedAt)
        }
    }
}
