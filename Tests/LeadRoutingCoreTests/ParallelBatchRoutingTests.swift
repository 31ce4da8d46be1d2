import Testing

@testable import LeadRoutingCore

/// Routing a batch on several threads must give exactly the decisions of routing it one lead after another: same
/// winners, rankings, scores, exclusion counts and notes, delivered in lead order, and the same final load. Checked
/// on dense generated networks where capacity runs out, with paused agents, excluded agents, returning clients,
/// a referral hub as the source and leads outside the graph.
@Suite struct ParallelBatchRoutingTests {
    /// Three passes over the generated leads with sources, returning clients and unknown territories mixed in.
    static func leads(_ dataset: Dataset, projection: GraphProjection) -> [Lead] {
        let hub = (0..<Int32(projection.agentCount)).max { projection.referralsOut.degree(of: $0) < projection.referralsOut.degree(of: $1) }!
        var leads: [Lead] = []
        for pass in 0..<3 {
            for (index, original) in dataset.leads.enumerated() {
                var lead = original
                lead.id = "\(original.id)-\(pass)"
                if index % 4 == 1 { lead.sourceAgentId = projection.agentIds[Int(hub)] }
                if index % 9 == 2, let source = lead.sourceAgentId { lead.previousAgentId = source }
                if index % 97 == 3 { lead.territoryId = "NOT-A-TERRITORY" }
                leads.append(lead)
            }
        }
        return leads
    }

    static func startingLoad(_ projection: GraphProjection) -> AgentLoadTable {
        var load = AgentLoadTable(projection: projection)
        for agent in stride(from: 0, to: projection.agentCount, by: 13) { load.setAvailable(false, for: Int32(agent)) }
        return load
    }

    static func parallel(
        _ router: Router,
        leads: [Lead],
        excluding: Set<String>,
        options: ParallelBatchOptions
    ) async throws -> (decisions: [RoutingDecision], load: AgentLoadTable, statistics: ParallelBatchStatistics) {
        var batch = BatchRouter(router: router, load: Self.startingLoad(router.projection))
        var decisions: [RoutingDecision] = []
        var order: [Int] = []
        let statistics = try await batch.route(
            leads,
            excluding: excluding,
            options: options,
            prepare: { $0.agentId },
            deliver: { index, decision, prepared in
                order.append(index)
                #expect(prepared == decision.agentId)
                decisions.append(decision)
            }
        )
        #expect(order == Array(leads.indices), "decisions were not delivered in lead order")
        return (decisions, batch.load, statistics)
    }

    @Test(arguments: [(2, 32), (2, 1), (2, 7), (3, 200), (1, 32)] as [(Int, Int)])
    func parallelDecisionsEqualSequentialOnes(workers: Int, chunkSize: Int) async throws {
        let (dataset, projection) = try PrunedRoutingEquivalenceTests.network(seed: 31)
        let router = Router(projection: projection, policy: PrunedRoutingEquivalenceTests.policies[0])
        let leads = Self.leads(dataset, projection: projection)
        let excluding: Set<String> = [projection.agentIds[1], projection.agentIds[2]]

        var sequential = BatchRouter(router: router, load: Self.startingLoad(projection))
        let expected = leads.map { sequential.route($0, excluding: excluding) }

        let options = ParallelBatchOptions(workers: workers, chunkSize: chunkSize)
        let actual = try await Self.parallel(router, leads: leads, excluding: excluding, options: options)
        #expect(actual.decisions.count == expected.count)
        let first = expected.indices.first { actual.decisions[$0] != expected[$0] }
        #expect(first == nil, "lead \(first.map { leads[$0].id } ?? "") differs")
        #expect(actual.load == sequential.load)

        // Not vacuous: capacity ran out, some leads were unroutable, and both kept and re-routed speculations occurred.
        #expect(expected.contains { ($0.excluded[ExclusionReason.atCapacity.rawValue] ?? 0) > 0 }, "capacity never ran out")
        #expect(expected.contains { $0.reason == .unknownTerritory })
        #expect(expected.contains { $0.rule == .returningClient })
        #expect(actual.statistics.leads == leads.count)
        if workers > 1 {
            #expect(actual.statistics.speculativeKept + actual.statistics.rerouted == leads.count)
            #expect(actual.statistics.speculativeKept > 0)
            #expect(actual.statistics.rerouted > 0, "no lead met an earlier assignment: the check was not exercised")
            #expect(actual.statistics.chunks == (leads.count + chunkSize - 1) / chunkSize)
        }
    }

    /// The comparison is a real check: keeping every speculative decision, without looking at the assignments made
    /// before it in its chunk, gives decisions the sequential batch does not make.
    @Test func keepingConflictingSpeculationsIsCaught() async throws {
        let (dataset, projection) = try PrunedRoutingEquivalenceTests.network(seed: 31)
        let router = Router(projection: projection)
        let leads = Self.leads(dataset, projection: projection)
        var sequential = BatchRouter(router: router, load: Self.startingLoad(projection))
        let expected = leads.map { sequential.route($0) }

        var broken = ParallelBatchOptions(workers: 2, chunkSize: 32)
        broken.checksConflicts = false
        let actual = try await Self.parallel(router, leads: leads, excluding: [], options: broken)
        let differing = zip(actual.decisions, expected).filter { $0 != $1 }.count
        #expect(differing > 50, "only \(differing) of \(leads.count) decisions changed")
        #expect(actual.load != sequential.load)
    }

    @Test func anErrorWhilePreparingStopsTheBatch() async throws {
        struct Refused: Error {}
        let (dataset, projection) = try PrunedRoutingEquivalenceTests.network(seed: 31)
        var batch = BatchRouter(router: Router(projection: projection))
        var delivered = 0
        await #expect(throws: Refused.self) {
            _ = try await batch.route(
                dataset.leads,
                prepare: { decision in
                    if decision.leadId == dataset.leads[100].id { throw Refused() }
                    return decision.leadId
                },
                deliver: { _, _, _ in delivered += 1 }
            )
        }
        #expect(delivered < 100 + ParallelBatchOptions().chunkSize)
    }

    @Test func outOfRangeOptionsAreRefusedNamingTheSetting() throws {
        #expect(throws: InputError(field: "threads", reason: "must be between 1 and 64", subject: "batch routing")) {
            try ParallelBatchOptions(workers: 0).validate()
        }
        #expect(throws: InputError(field: "chunk-size", reason: "must be between 1 and 4096", subject: "batch routing")) {
            try ParallelBatchOptions(chunkSize: 0).validate()
        }
    }
}
