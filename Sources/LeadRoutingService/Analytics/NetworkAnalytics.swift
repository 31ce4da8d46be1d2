import Dispatch
import Foundation
import HTTPTypes
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
        clock: any WallClock = SystemWallClock()
    ) {
        self.projection = projection
        self.leads = leads
        self.groups = groups
        self.cache = AnalyticsCache(capacity: cacheCapacity)
        self.clock = clock
    }

    /// The JSON body for `query`: the report plus `computedAt`, from the cache when this graph version already
    /// answered the same query.
    func report(_ query: AnalysisQuery) async throws -> (body: [UInt8], cached: Bool) {
        let key = self.projection.version + " " + query.description
        return try await self.cache.value(for: key) {
            try await Self.offCooperativePool { try self.compute(query) }
        }
    }

    /// The report's JSON body, computed now; the core's query errors become 422 naming the parameter.
    func compute(_ query: AnalysisQuery) throws -> [UInt8] {
        let outcome: AnalysisOutcome
        do {
            outcome = try self.networkAnalysis.run(query)
        } catch let error as AnalysisQueryError {
            throw ServiceError(error)
        } catch {
            throw ServiceError(.unprocessableContent, kind: "analysis-failed", title: "Analysis Failed", detail: "\(error)")
        }
        return try Self.body(outcome.report, computedAt: Date(timeIntervalSince1970: Double(self.clock.nowMillis()) / 1000))
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

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The report's JSON object with `computedAt` (RFC 3339) added as its last member.
    static func body(_ report: some Encodable, computedAt: Date) throws -> [UInt8] {
        var bytes = Array(try Self.encoder.encode(report))
        // Every report encodes as a non-empty JSON object: replace its closing brace.
        precondition(bytes.last == UInt8(ascii: "}") && bytes.count > 2, "a report must encode as a JSON object")
        bytes.removeLast()
        bytes += Array(",\"computedAt\":\"\(computedAt.ISO8601Format())\"}".utf8)
        return bytes
    }
}
