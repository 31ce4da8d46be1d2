import LeadRoutingGenerator
import Testing

@testable import LeadRoutingCore

/// The pruned search must make exactly the decisions of the exhaustive one: same winner, ranked candidates,
/// scores, features, paths, exclusion counts and notes. Checked decision by decision on dense generated networks
/// (national shape: heavy-tailed coverage and a referral hub), in batches where capacity runs out, with paused
/// agents, exclusions, returning clients, hub sources and policies made of ties.
@Suite struct PrunedRoutingEquivalenceTests {
    static func network(seed: UInt64) throws -> (dataset: Dataset, projection: GraphProjection) {
        let configuration = GeneratorConfiguration(
            agents: 2500,
            territories: 100,
            referrals: 50_000,
            leads: 1200,
            seed: seed,
            shape: .national
        )
        var sink = InMemoryDatasetSink()
        _ = try DatasetGenerator(configuration: configuration).generate(into: &sink)
        var files: [DatasetFile: [UInt8]] = [:]
        for file in DatasetFile.allCases { files[file] = sink.files[.dataset(file)] }
        let dataset = try DatasetDecoder().decode(files)
        return (dataset, try GraphProjection(dataset: dataset, version: DatasetFingerprint.compute(files)))
    }

    static let policies: [RoutingPolicy] = [
        .default,
        // Only coverage and referral count: home coverage is 1.0 for everyone, so scores tie constantly and the
        // tie-break (utilisation, then id) decides.
        RoutingPolicy(
            version: "ties",
            weights: FeatureWeights(coverage: 1, referral: 1),
            explainTopK: 3
        ),
        // Candidates from the lead's own territory only: backward referral chains are usually cheaper.
        RoutingPolicy(version: "narrow", maxTerritoryHops: 0, maxReferralHops: 2, referralTerritoryHops: 0, explainTopK: 10),
        // Referral reach wider than coverage reach, and three-edge chains: the forward search in both modes.
        RoutingPolicy(version: "deep", maxTerritoryHops: 1, maxReferralHops: 3, referralTerritoryHops: 2, explainTopK: 1),
        // Distance decides a lot; responsiveness boosted by urgency.
        RoutingPolicy(version: "near", weights: FeatureWeights(coverage: 0.1, referral: 0.3, distance: 0.6), explainTopK: 5),
        // The performance term moved per lead by the client's language and the agent's load (taken at a bound first).
        RoutingPolicy(
            version: "conversion",
            weights: FeatureWeights(coverage: 0.2, referral: 0.15, performance: 0.5, headroom: 0.05, fairness: 0.05, distance: 0.05),
            ownLanguageBonus: 0.6,
            loadConversionPenalty: 1.6
        ),
        // The same with the posterior drawn per lead.
        RoutingPolicy(
            version: "conversion-thompson",
            weights: FeatureWeights(coverage: 0.2, referral: 0.15, performance: 0.5, headroom: 0.05, fairness: 0.05, distance: 0.05),
            ownLanguageBonus: 0.6,
            loadConversionPenalty: 1.6,
            exploration: .thompson
        ),
    ]

    @Test(arguments: [21, 22] as [UInt64], [0, 1, 2, 3, 4, 5, 6])
    func prunedDecisionsEqualExhaustiveOnes(seed: UInt64, policyIndex: Int) throws {
        try Self.compare(seed: seed, policyIndex: policyIndex, learned: false)
    }

    /// The same with referral edges that learned closes from the store: some given up front (strong edges that
    /// lost, weak ones that won, many of them the hub's), more counted as the hub's referred leads close.
    @Test(arguments: [0, 1, 2, 3, 4, 5])
    func prunedDecisionsEqualExhaustiveOnesWithLearnedReferralEdges(policyIndex: Int) throws {
        try Self.compare(seed: 21, policyIndex: policyIndex, learned: true)
    }

    static func compare(seed: UInt64, policyIndex: Int, learned: Bool) throws {
        let (dataset, projection) = try Self.network(seed: seed)
        let policy = Self.policies[policyIndex]
        let pruned = Router(projection: projection, policy: policy, search: .pruned)
        let exhaustive = Router(projection: projection, policy: policy, search: .exhaustive)
        var prunedWorkspace = pruned.makeWorkspace()
        var exhaustiveWorkspace = exhaustive.makeWorkspace()

        // Paused agents; the busiest referrer (the hub) as the source of every fourth lead.
        var load = AgentLoadTable(projection: projection)
        for agent in stride(from: 0, to: projection.agentCount, by: 13) { load.setAvailable(false, for: Int32(agent)) }
        let hub = (0..<Int32(projection.agentCount)).max { projection.referralsOut.degree(of: $0) < projection.referralsOut.degree(of: $1) }!
        let hubId = projection.agentIds[Int(hub)]
        #expect(projection.referralsOut.degree(of: hub) >= 300)
        // Without learned outcomes, to show that they move decisions.
        var plain = load
        var plainWorkspace = pruned.makeWorkspace()
        var moved = 0
        if learned {
            for edge in stride(from: 0, to: projection.referralCount, by: 7) {
                load.setReferralOutcome(won: edge % 4, lost: (edge / 4) % 6, edge: edge)
            }
            for edge in projection.referralsOut.edgeRange(of: hub) where edge % 3 == 0 {
                load.setReferralOutcome(won: (edge / 3) % 5, lost: (edge / 5) % 9, edge: edge)
            }
        }

        var routed = 0
        var atCapacity = 0
        var ties = 0
        var compared = 0
        // Three passes over the leads: capacity runs out for many agents on the way.
        for pass in 0..<3 {
            for (index, original) in dataset.leads.enumerated() {
                var lead = original
                lead.id = "\(original.id)-\(pass)"
                if index % 4 == 1 { lead.sourceAgentId = hubId }
                if index % 9 == 2, let source = lead.sourceAgentId { lead.previousAgentId = source }
                var excluding: Set<String> = []
                if index % 5 == 0, let wouldWin = exhaustive.route(lead, load: load, workspace: &exhaustiveWorkspace).agentId {
                    excluding = [wouldWin]
                }
                let expected = exhaustive.route(lead, load: load, excluding: excluding, workspace: &exhaustiveWorkspace)
                let actual = pruned.route(lead, load: load, excluding: excluding, workspace: &prunedWorkspace)
                #expect(actual == expected, "lead \(lead.id) under \(policy.version)")
                if actual != expected { return }
                compared += 1
                atCapacity += expected.excluded[ExclusionReason.atCapacity.rawValue] ?? 0
                if expected.candidates.count > 1 && expected.candidates[0].score == expected.candidates[1].score { ties += 1 }
                if learned && lead.sourceAgentId != nil
                    && pruned.route(lead, load: plain, excluding: excluding, workspace: &plainWorkspace) != expected
                {
                    moved += 1
                }
                if let winner = expected.agentId, let agent = projection.agent(winner) {
                    routed += 1
                    load.assign(agent)
                    plain.assign(agent)
                    // Outcomes learned on the way: the conversion posterior moves for every seventh winner (in both
                    // tables, so `moved` counts what the referral edges alone change).
                    if index % 7 == 3 {
                        load.recordClose(agent, won: index % 2 == 0)
                        plain.recordClose(agent, won: index % 2 == 0)
                    }
                    if learned, let source = lead.sourceAgentId, index % 3 == 0 {
                        load.recordReferralClose(sourceAgentId: source, agent: agent, won: index % 2 == 0, projection: projection)
                    }
                }
            }
        }
        // Not vacuous: decisions were made, capacity ran out, the tie-break and the backward search were used.
        #expect(compared == 3 * dataset.leads.count)
        #expect(routed > dataset.leads.count)
        #expect(atCapacity > 0, "capacity never ran out")
        if policy.version == "ties" { #expect(ties > 100, "only \(ties) tied decisions") }
        if policy.version == "narrow" || policy.version == "default-2" {
            #expect(prunedWorkspace.backwardChainSearches > 0, "the backward referral search never ran")
        }
        #expect(exhaustiveWorkspace.backwardChainSearches == 0)
        if learned { #expect(moved > 50, "learned referral outcomes moved only \(moved) decisions") }
    }

    /// The comparison is a real check: a pruned search whose distance "bound" is below what the feature can reach
    /// skips candidates that would have won, and the decision-by-decision comparison sees it.
    @Test func aWrongBoundIsCaught() throws {
        let (dataset, projection) = try Self.network(seed: 21)
        let policy = Self.policies[4]
        let exhaustive = Router(projection: projection, policy: policy, search: .exhaustive)
        var broken = Router(projection: projection, policy: policy, search: .pruned)
        broken.distanceBound = 0.05
        let load = AgentLoadTable(projection: projection)
        let differing = dataset.leads.prefix(300).filter { lead in
            broken.route(lead, load: load) != exhaustive.route(lead, load: load)
        }
        #expect(differing.count > 10, "a wrong bound changed only \(differing.count) of 300 decisions")
        // With the real bound the same leads agree.
        let pruned = Router(projection: projection, policy: policy, search: .pruned)
        #expect(differing.allSatisfy { pruned.route($0, load: load) == exhaustive.route($0, load: load) })
    }

    /// The same for the conversion adjustments: a language "bound" below what the client's own language adds
    /// skips speakers who would have won.
    @Test func aWrongConversionBoundIsCaught() throws {
        let (dataset, projection) = try Self.network(seed: 21)
        let policy = Self.policies[5]
        let exhaustive = Router(projection: projection, policy: policy, search: .exhaustive)
        var broken = Router(projection: projection, policy: policy, search: .pruned)
        broken.languageOddsFactor = 0.2
        let load = AgentLoadTable(projection: projection)
        let leads = dataset.leads.prefix(600).filter { $0.language != nil }
        let differing = leads.filter { broken.route($0, load: load) != exhaustive.route($0, load: load) }
        #expect(differing.count > 10, "a wrong bound changed only \(differing.count) of \(leads.count) decisions")
        let pruned = Router(projection: projection, policy: policy, search: .pruned)
        #expect(differing.allSatisfy { pruned.route($0, load: load) == exhaustive.route($0, load: load) })
    }

    /// A single lead from the hub routed both ways, with paths of every feature: the explanation of a two-edge
    /// chain found backwards names the same partner as the forward search.
    @Test func hubSourceExplainsTheSameChains() throws {
        let (dataset, projection) = try Self.network(seed: 23)
        let policy = RoutingPolicy(version: "narrow", maxTerritoryHops: 0, maxReferralHops: 2, referralTerritoryHops: 0, explainTopK: 20)
        let hub = (0..<Int32(projection.agentCount)).max { projection.referralsOut.degree(of: $0) < projection.referralsOut.degree(of: $1) }!
        var referralPaths = 0
        var twoEdgePaths = 0
        for original in dataset.leads.prefix(200) {
            var lead = original
            lead.sourceAgentId = projection.agentIds[Int(hub)]
            let expected = Router(projection: projection, policy: policy, search: .exhaustive).route(lead)
            let actual = Router(projection: projection, policy: policy, search: .pruned).route(lead)
            #expect(actual == expected, "lead \(lead.id)")
            for candidate in expected.candidates {
                for path in candidate.paths where path.feature == FeaturePath.Feature.referral.rawValue {
                    referralPaths += 1
                    if path.path.count == 3 { twoEdgePaths += 1 }
                }
            }
        }
        #expect(referralPaths > 0 && twoEdgePaths > 0, "referral paths: \(referralPaths), two-edge: \(twoEdgePaths)")
    }
}
