import LeadRoutingCore
import Testing

/// The checker behind the property tests catches each kind of wrong decision: decisions routed on purpose to an
/// agent that breaks one rule, and a load table that was over-filled.
@Suite struct RoutingRuleAuditTests {
    /// One territory in CA; `good` may take the lead, every other agent breaks exactly the rule it is named after.
    static let dataset = Dataset(
        agents: [
            Agent(id: "good", states: ["CA"], languages: ["en", "es"], priceMin: 100_000, priceMax: 900_000, capacity: 2),
            Agent(id: "inactive", active: false, states: ["CA"], languages: ["en", "es"], capacity: 2),
            Agent(id: "paused", states: ["CA"], languages: ["en", "es"], capacity: 2),
            Agent(id: "notLicensed", states: ["NV"], languages: ["en", "es"], capacity: 2),
            Agent(id: "kind", states: ["CA"], languages: ["en", "es"], specialties: ["rent"], capacity: 2),
            Agent(id: "language", states: ["CA"], languages: ["en"], capacity: 2),
            Agent(id: "priceBand", states: ["CA"], languages: ["en", "es"], priceMin: 100_000, priceMax: 300_000, capacity: 2),
            Agent(id: "atCapacity", states: ["CA"], languages: ["en", "es"], capacity: 1, openLeads: 1),
        ],
        territories: [Territory(id: "t1", state: "CA", latitude: 34, longitude: -118)],
        coverage: (0..<8).map { Coverage(agent: Int32($0), territory: 0, weight: 1) }
    )
    static let lead = Lead(id: "L", territoryId: "t1", kind: .buy, price: 500_000, language: "es", languageRequired: true)

    func setUp() throws -> (audit: RoutingRuleAudit, router: Router, load: AgentLoadTable) {
        let projection = try GraphProjection(dataset: Self.dataset, version: "audit-1")
        var load = AgentLoadTable(projection: projection)
        load.setAvailable(false, for: try #require(projection.agent("paused")))
        return (RoutingRuleAudit(dataset: Self.dataset, projection: projection), Router(projection: projection), load)
    }

    @Test func theRouterItselfPassesAndPicksTheOnlyEligibleAgent() throws {
        let (audit, router, load) = try self.setUp()
        let decision = router.route(Self.lead, load: load)
        #expect(decision.agentId == "good")
        #expect(audit.problems(of: decision, for: Self.lead, load: load).isEmpty)
    }

    @Test(arguments: RoutingRuleAudit.Rule.allCases.filter { ![.excluded, .unknownAgent].contains($0) })
    func aWinnerBreakingOneRuleIsFlaggedForThatRule(rule: RoutingRuleAudit.Rule) throws {
        let (audit, router, load) = try self.setUp()
        var wrong = router.route(Self.lead, load: load)
        wrong.agentId = rule.rawValue
        wrong.candidates = []
        #expect(audit.problems(of: wrong, for: Self.lead, load: load) == ["winner \(rule.rawValue) breaks \(rule.rawValue)"])
    }

    @Test func anExcludedWinnerAndAnIneligibleCandidateAreFlagged() throws {
        let (audit, router, load) = try self.setUp()
        let decision = router.route(Self.lead, load: load)
        #expect(
            audit.problems(of: decision, for: Self.lead, load: load, excluding: ["good"]) == [
                "winner good breaks excluded", "candidate good breaks excluded",
            ]
        )
        var wrong = decision
        wrong.candidates.append(CandidateExplanation(agentId: "inactive", score: 0, features: FeatureScores(), path: []))
        #expect(audit.problems(of: wrong, for: Self.lead, load: load) == ["candidate inactive breaks inactive"])
    }

    @Test func anOverfilledOrMiscountedLoadBreaksTheCapacityInvariant() throws {
        let (audit, router, start) = try self.setUp()
        let projection = router.projection
        let good = try #require(projection.agent("good"))
        let full = try #require(projection.agent("atCapacity"))
        var assigned = [Int](repeating: 0, count: projection.agentCount)
        var end = start
        end.assign(good)
        assigned[Int(good)] += 1
        #expect(audit.capacityProblems(start: start, end: end, assigned: assigned).isEmpty)
        // One more lead for an agent already at capacity.
        end.assign(full)
        assigned[Int(full)] += 1
        #expect(audit.capacityProblems(start: start, end: end, assigned: assigned) == ["atCapacity: 2 open leads exceed capacity 1"])
        // An assignment the load table never counted.
        assigned[Int(good)] += 1
        #expect(audit.capacityProblems(start: start, end: end, assigned: assigned).contains("good: load 1 is not 0 + 2 assigned"))
    }
}
