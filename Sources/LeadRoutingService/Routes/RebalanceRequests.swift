import Foundation
import LeadRoutingCore

/// The body of `POST /rebalance/plans`, every member optional: `scope` (`stale`, the default, or `open`),
/// `offerSlaMinutes` (an offer unaccepted this long is stale; default the service's SLA) and `policy`, overrides of
/// the policy's `rebalance` section (members left out keep the service's values). Unknown members are refused.
struct RebalancePlanRequest: Decodable {
    var scope: RebalanceScope?
    var offerSlaMinutes: Int?
    var policy: RebalancePolicyOverrides?

    enum CodingKeys: String, CodingKey, CaseIterable { case scope, offerSlaMinutes, policy }

    init() {}

    init(from decoder: any Decoder) throws {
        try StrictJSON.requireKnownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.scope = try c.decodeIfPresent(RebalanceScope.self, forKey: .scope)
        self.offerSlaMinutes = try c.decodeIfPresent(Int.self, forKey: .offerSlaMinutes)
        self.policy = try c.decodeIfPresent(RebalancePolicyOverrides.self, forKey: .policy)
    }

    /// Longest SLA accepted, in minutes (30 days).
    static let maximumOfferSlaMinutes = 43_200

    /// The router to plan with: `base`, its rebalance section overridden. Throws ``InputError`` naming the member.
    func router(on base: Router) throws(InputError) -> Router {
        let subject = "rebalance plan request"
        if let minutes = self.offerSlaMinutes, !(1...Self.maximumOfferSlaMinutes).contains(minutes) {
            throw InputError(field: "offerSlaMinutes", reason: "must be 1–\(Self.maximumOfferSlaMinutes)", subject: subject)
        }
        guard let overrides = self.policy else { return base }
        var policy = base.policy
        policy.rebalance = overrides.applied(to: policy.rebalance)
        do {
            try policy.rebalance.validate()
        } catch {
            throw InputError(field: "policy." + error.field.replacingOccurrences(of: "rebalance.", with: ""), reason: error.reason, subject: subject)
        }
        return Router(projection: base.projection, policy: policy)
    }
}

/// Overrides of the policy's `rebalance` section (``RebalancePolicy``): the members given replace the service's.
struct RebalancePolicyOverrides: Decodable {
    var churnPenalty: Double?
    var unassignedPenalty: Double?
    var maxCandidates: Int?
    var loadCost: [LoadCostSegment]?

    enum CodingKeys: String, CodingKey, CaseIterable { case churnPenalty, unassignedPenalty, maxCandidates, loadCost }

    init(from decoder: any Decoder) throws {
        try StrictJSON.requireKnownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.churnPenalty = try c.decodeIfPresent(Double.self, forKey: .churnPenalty)
        self.unassignedPenalty = try c.decodeIfPresent(Double.self, forKey: .unassignedPenalty)
        self.maxCandidates = try c.decodeIfPresent(Int.self, forKey: .maxCandidates)
        self.loadCost = try c.decodeIfPresent([LoadCostSegment].self, forKey: .loadCost)
    }

    func applied(to base: RebalancePolicy) -> RebalancePolicy {
        RebalancePolicy(
            churnPenalty: self.churnPenalty ?? base.churnPenalty,
            unassignedPenalty: self.unassignedPenalty ?? base.unassignedPenalty,
            maxCandidates: self.maxCandidates ?? base.maxCandidates,
            loadCost: self.loadCost ?? base.loadCost
        )
    }
}

/// The body of `POST /rebalance/plans/{planId}/apply`, optional: `dryRun` (default false) and `batchSize` (moves per
/// transaction, default 100). Unknown members are refused.
struct RebalanceApplyRequest: Decodable {
    var dryRun: Bool?
    var batchSize: Int?

    enum CodingKeys: String, CodingKey, CaseIterable { case dryRun, batchSize }

    init() {}

    init(from decoder: any Decoder) throws {
        try StrictJSON.requireKnownKeys(decoder, known: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.dryRun = try c.decodeIfPresent(Bool.self, forKey: .dryRun)
        self.batchSize = try c.decodeIfPresent(Int.self, forKey: .batchSize)
    }
}
