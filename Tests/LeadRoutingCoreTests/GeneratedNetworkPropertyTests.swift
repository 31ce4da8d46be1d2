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
        let audit = RoutingRuleAudit(dataset: dataset, projection: projection)
        var batch = BatchRouter(router: Router(projection: projection, policy: policy))
        let startLoad = batch.load
        var assigned = [Int](repeating: 0, count: projection.agentCount)
        var routed = 0
        var routedWithRequiredLanguage = 0
        var routedWithPrice = 0
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
            if lead.languageRequired && lead.language != "en" { routedWithRequiredLanguage += 1 }
            if lead.price != nil { routedWithPrice += 1 }
            // Active, licensed in the lead's state, of the lead's kind, speaking a required language, within the
            // price band, not excluded, below capacity: the winner and every explained candidate.
            let problems = audit.problems(of: decision, for: lead, load: loadBefore, excluding: excluding)
            #expect(problems.isEmpty, "lead \(lead.id): \(problems)")
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
        // Capacity is never exceeded over the whole batch, and the load table counted every assignment.
        let capacityProblems = audit.capacityProblems(start: startLoad, end: batch.load, assigned: assigned)
        #expect(capacityProblems.isEmpty, "\(capacityProblems.prefix(5))")
        #expect(routed > dataset.leads.count / 2, "a generated metro should route most leads")
        // The rules above were exercised, not vacuous.
        #expect(routedWithRequiredLanguage > 0 && routedWithPrice > 0)
    }

    /// Agents paused in the load table never win and are never explained as candidates, even the ones that
    /// would have won leads when available.
    @Test(arguments: [7, 8] as [UInt64])
    func pausedAgentsNeverWinNorAppearAsCandidates(seed: UInt64) throws {
        let (dataset, projection) = try Self.network(seed: seed, agents: 500)
        let policy = RoutingPolicy(version: "explain-20", explainTopK: 20)
        var available = BatchRouter(router: Router(projection: projection, policy: policy))
        let winners = Set(dataset.leads.compactMap { available.route($0).agentId })
        // Every third agent that wins leads when everybody is available is paused.
        let paused = Set(winners.sorted().enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        #expect(paused.count > 10)
        var load = AgentLoadTable(projection: projection)
        for id in paused { load.setAvailable(false, for: try #require(projection.agent(id))) }

        let audit = RoutingRuleAudit(dataset: dataset, projection: projection)
        var batch = BatchRouter(router: Router(projection: projection, policy: policy), load: load)
        var pausedExclusions = 0
        var routed = 0
        for lead in dataset.leads {
            let loadBefore = batch.load
            let decision = batch.route(lead)
            if let winner = decision.agentId {
                routed += 1
                #expect(!paused.contains(winner), "paused agent \(winner) won lead \(lead.id)")
            }
            let explainedPaused = decision.candidates.map(\.agentId).filter(paused.contains)
            #expect(explainedPaused.isEmpty, "lead \(lead.id) explains paused candidates \(explainedPaused)")
            let problems = audit.problems(of: decision, for: lead, load: loadBefore)
            #expect(problems.isEmpty, "lead \(lead.id): \(problems)")
            pausedExclusions += decision.excluded[ExclusionReason.unavailable.rawValue] ?? 0
        }
        #expect(pausedExclusions > 0, "pausing excluded nobody: the test would be vacuous")
        #expect(routed > dataset.leads.count / 2)
    }

    /// Routing a batch three times the network's size, the load table updated after every decision: no winner is
    /// ever at capacity when chosen, capacity runs out for many agents, and at the end the capacity invariant holds.
    @Test(arguments: [9, 10] as [UInt64])
    func batchRoutingNeverOverfillsCapacity(seed: UInt64) throws {
        let (dataset, projection) = try Self.network(seed: seed, agents: 300)
        let audit = RoutingRuleAudit(dataset: dataset, projection: projection)
        var batch = BatchRouter(router: Router(projection: projection))
        let startLoad = batch.load
        var assigned = [Int](repeating: 0, count: projection.agentCount)
        var unroutableAtCapacity = 0
        for (round, leads) in [dataset.leads, dataset.leads, dataset.leads].enumerated() {
            for lead in leads {
                let loadBefore = batch.load
                var copy = lead
                copy.id = "\(lead.id)-\(round)"
                let decision = batch.route(copy)
                if let winner = decision.agentId, let index = projection.agent(winner) {
                    assigned[Int(index)] += 1
                    let problems = audit.problems(of: decision, for: copy, load: loadBefore)
                    #expect(problems.isEmpty, "lead \(copy.id): \(problems)")
                } else if (decision.excluded[ExclusionReason.atCapacity.rawValue] ?? 0) > 0 {
                    unroutableAtCapacity += 1
                }
            }
        }
        let problems = audit.capacityProblems(start: startLoad, end: batch.load, assigned: assigned)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        // Capacity really ran out: agents filled up to it, and leads went unroutable for it.
        let filled = (0..<projection.agentCount).filter {
            startLoad.openLeads[$0] < projection.agentCapacity[$0] && batch.load.openLeads[$0] == projection.agentCapacity[$0]
        }
        #expect(filled.count > 10)
        #expect(unroutableAtCapacity > 0)
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
