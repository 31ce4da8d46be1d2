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
    let projection: GraphProjection
    /// The dataset's leads: the demand of `coverage-gaps` (empty when the graph came without a dataset).
    let leads: [Lead]
    /// The groups of `leakage?by=brokerage` (nil: that query answers 422).
    let groups: AgentGroups?
    let cache: AnalyticsCache
    /// The clock of `computedAt` (the service's one injected clock).
    let clock: any WallClock
    /// The analysis, with its referral digraph built on first use.
    private let analysis = Mutex<NetworkAnalysis?>(nil)

    init(
        projection: GraphProjection,
        leads: [Lead],
        groups: AgentGroups? = nil,
        cacheCapacity: Int = AnalyticsCache.defaultCapacity,
        maxRunning: Int = ServiceConfiguration.defaultAnalyticsConcurrency,
        clock: any WallClock = SystemWallClock()
    ) {
        self.projection = projection
        self.leads = leads
        self.groups = groups
        self.cache = AnalyticsCache(capacity: cacheCapacity, maxRunning: maxRunning)
        self.clock = clock
    }

    /// The JSON body for `query`: the report plus `computedAt`, from the cache when this graph version already
    /// answered an equivalent query (``AnalysisQuery/normalized(agentCount:)``).
    func report(_ query: AnalysisQuery) async throws -> (body: [UInt8], cached: Bool) {
        let query = query.normalized(agentCount: self.projection.agentCount)
        let key = self.projection.version + " " + query.description
        return try await self.cache.value(for: key) { stop in
            try await Self.offCooperativePool { try self.compute(query, stop: stop) }
        }
    }

    /// The report's JSON body, computed now; the core's query errors become 422 naming the parameter. The run
    /// stops at its next progress step once `stop` is set.
    func compute(_ query: AnalysisQuery, stop: AnalyticsCache.StopFlag = .init()) throws -> [UInt8] {
        let outcome: AnalysisOutcome
        do {
            outcome = try self.networkAnalysis.run(query) { (_, _, _) throws(AnalysisError) in
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
        if let analysis = self.analysis.withLock({ $0 }) { return analysis }
        let analysis = NetworkAnalysis(projection: self.projection, leads: self.leads, groups: self.groups)
        self.analysis.withLock { $0 = analysis }
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
