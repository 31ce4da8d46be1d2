import LeadRoutingCore
import LeadRoutingGenerator
import Testing

/// Properties that must hold for any network, checked on generated ones (several seeds and policies).
@Suite struct GeneratedNetworkPropertyTests {
    /// A generated dataset decoded by the strict codec: generator and codec agree on the contract.
    static func network(seed: UInt64, agents: Int = 800) throws -> (dataset: Dataset, projection: GraphProjection) {
        let configuration = GeneratorConfiguration(agents: agents, territories: 80, referrals: agents * 8, leads: 2500, seed: seed)
        var sink = InMemoryDatasetSink()
        _ = try DatasetGenerator(configuration: configuration).generate(into: &sink)
        var files: [DatasetFile: [UInt8]] = [:]
        for file in DatasetFile.allCases { files[file] = sink.files[.dataset(file)] }
        let dataset = try DatasetDecoder().decode(files)
        return (dataset, try GraphProjection(dataset: dataset, version: DatasetFingerprint.compute(files)))
    }

    static let policies: [RoutingPolicy] = [
        .default,
        RoutingPolicy(version: "deep", maxTerritoryHops: 2, maxReferralHops: 3, referralTerritoryHops: 2, stickyReturningClients: false),
        RoutingPolicy(version: "narrow", maxTerritoryHops: 0, maxReferralHops: 1, referralTerritoryHops: 0, explainTopK: 1),
    ]

    @Test(arguments: [1, 2, 3] as [UInt64], [0, 1, 2])
    func batchRoutingInvariants(seed: UInt64, policyIndex: Int) throws {
        let (dataset, projection) = try Self.network(seed: seed)
        let policy = Self.policies[policyIndex]
        var batch = BatchRouter(router: Router(projection: projection, policy: policy))
        var assigned = [Int](repeating: 0, count: projection.agentCount)
        var routed = 0
        for (index, lead) in dataset.leads.enumerated() {
            // Every 7th lead excludes the agent that would otherwise have won: it must never be chosen.
            var excluding: Set<String> = []
            if index % 7 == 0, let wouldWin = batch.router.route(lead, load: batch.load).agentId { excluding = [wouldWin] }
            let loadBefore = batch.load
            let decision = batch.route(lead, excluding: excluding)

            #expect(decision.leadId == lead.id)
            #expect(decision.candidates.count <= policy.explainTopK)
            for candidate in decision.candidates {
                #expect((0...1).contains(candidate.score))
                for (_, value) in candidate.features.named { #expect((0...1).contains(value)) }
                #expect(!excluding.contains(candidate.agentId))
            }
            guard let agentId = decision.agentId else {
                #expect(decision.reason != nil && decision.candidates.isEmpty && decision.path.isEmpty)
                continue
            }
            routed += 1
            let agent = try #require(projection.agent(agentId))
            #expect(!excluding.contains(agentId))
            #expect(loadBefore.openLeads[Int(agent)] < projection.agentCapacity[Int(agent)], "capacity was already full")
            #expect(decision.candidates.first?.agentId == agentId)
            #expect(decision.path.first?.from == lead.id && decision.path.last?.to == agentId)
            if decision.rule == .bestScore {
                let scores = decision.candidates.map(\.score)
                #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 }, "candidates out of rank order")
            }
            assigned[Int(agent)] += 1
        }
        // Capacity is never exceeded over the whole batch.
        for agent in 0..<projection.agentCount {
            #expect(
                Int(projection.agentOpenLeads[agent]) + assigned[agent]
                    <= max(Int(projection.agentCapacity[agent]), Int(projection.agentOpenLeads[agent]))
            )
        }
        #expect(routed > dataset.leads.count / 2, "a generated metro should route most leads")
    }

    @Test(arguments: [4, 5] as [UInt64])
    func sameInputsGiveTheSameDecisions(seed: UInt64) throws {
        let (dataset, projection) = try Self.network(seed: seed, agents: 500)
        let (_, rebuilt) = try Self.network(seed: seed, agents: 500)
        var first = BatchRouter(router: Router(projection: projection))
        var second = BatchRouter(router: Router(projection: rebuilt))
        for lead in dataset.leads {
            #expect(first.route(lead) == second.route(lead))
        }
    }

    @Test func unroutableLeadsSayWhy() throws {
        let (dataset, projection) = try Self.network(seed: 6, agents: 300)
        var batch = BatchRouter(router: Router(projection: projection))
        // Route every lead three times over: capacity runs out, and the leftovers must be unroutable with counts.
        var unroutable = 0
        for lead in dataset.leads + dataset.leads + dataset.leads {
            let decision = batch.route(lead)
            if decision.status == .unroutable {
                unroutable += 1
                if decision.reason == .noEligibleAgent { #expect(decision.excluded.values.reduce(0, +) > 0) }
            }
        }
        #expect(unroutable > 0)
    }
}
