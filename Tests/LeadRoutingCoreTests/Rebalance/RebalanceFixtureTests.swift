import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

/// The hand-solved networks of `fixtures/rebalance` (arithmetic in its README).
@Suite struct RebalanceFixtureTests {
    struct Fixture: Decodable, CustomTestStringConvertible {
        struct AgentRow: Decodable {
            var id: String
            var capacity: Int
            var fixedLoad: Int
        }
        struct CandidateRow: Decodable {
            var agent: String
            var score: Double
        }
        struct LeadRow: Decodable {
            var id: String
            var current: String?
            var reason: MovableReason
            var candidates: [CandidateRow]
        }
        struct Expected: Decodable {
            var objective: Int
            var assignment: [String: String?]?
            var loads: [String: Int]
            var shadowPrices: [String: Double]?
        }
        var name: String
        var policy: RebalancePolicy
        var agents: [AgentRow]
        var leads: [LeadRow]
        var expected: Expected

        var testDescription: String { self.name }

        var instance: RebalanceInstance {
            let index = Dictionary(uniqueKeysWithValues: self.agents.enumerated().map { ($1.id, $0) })
            return RebalanceInstance(
                agents: self.agents.map { .init(id: $0.id, capacity: $0.capacity, fixedLoad: $0.fixedLoad) },
                leads: self.leads.map { lead in
                    .init(
                        id: lead.id,
                        currentAgent: lead.current.flatMap { index[$0] },
                        candidates: lead.candidates.map { .init(agent: index[$0.agent]!, score: $0.score) },
                        reason: lead.reason
                    )
                }
            )
        }
    }

    static let fixtures: [Fixture] = {
        let url = URL(fileURLWithPath: RepositoryPaths.path("fixtures/rebalance/instances.json"))
        return (try? JSONDecoder().decode([Fixture].self, from: Data(contentsOf: url))) ?? []
    }()

    @Test func fixtureFileLoads() {
        #expect(Self.fixtures.count == 5)
    }

    @Test(arguments: Self.fixtures)
    func handComputedOptimum(fixture: Fixture) throws {
        try fixture.policy.validate()
        let network = RebalanceNetwork(instance: fixture.instance, policy: fixture.policy)
        let solution = try network.solve()
        #expect(solution.objective == fixture.expected.objective)
        let agents = fixture.agents.map(\.id)
        var loads = [String: Int](uniqueKeysWithValues: agents.map { ($0, 0) })
        for agent in solution.assignment.compactMap({ $0 }) { loads[agents[agent], default: 0] += 1 }
        #expect(loads == fixture.expected.loads)
        if let expected = fixture.expected.assignment {
            for (position, lead) in fixture.leads.enumerated() {
                #expect(solution.assignment[position].map { agents[$0] } == expected[lead.id] ?? nil, "lead \(lead.id)")
            }
        }
        if let prices = fixture.expected.shadowPrices {
            for (position, agent) in agents.enumerated() {
                #expect(abs(solution.shadowPrices[position] - (prices[agent] ?? .nan)) < 1e-9, "agent \(agent)")
            }
        }
    }
}
