import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingTestSupport
import Testing

/// One written-down expectation from `fixtures/tiny/expected.jsonl` (see `fixtures/tiny/README.md`).
struct TinyExpectation: Decodable, CustomTestStringConvertible, Sendable {
    struct Expect: Decodable, Sendable {
        var status: String
        var agentId: String?
        var rule: String?
        var reason: String?
        var score: Double?
        var eligibleCount: Int?
        var excluded: [String: Int]?
        var via: [String]?
        var second: String?
        var note: String?
    }

    var name: String
    var lead: Lead
    var policy: String
    var exclude: [String]?
    var expect: Expect

    var testDescription: String { self.name }

    static let all: [TinyExpectation] = {
        let text = (try? String(contentsOfFile: RepositoryPaths.tinyFixture + "/expected.jsonl", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map { line in
            try! JSONDecoder().decode(TinyExpectation.self, from: Data(line.utf8))
        }
    }()
}

@Suite struct TinyFixtureDecisionTests {
    static let loaded = try! DatasetDirectory.load(from: RepositoryPaths.tinyFixture)

    func router(policy name: String) throws -> Router {
        let projection = try GraphProjection(dataset: Self.loaded.dataset, version: Self.loaded.fingerprint)
        let policy = name == "default" ? RoutingPolicy.default : try PolicyFile.load(from: RepositoryPaths.tinyPolicy(name))
        return Router(projection: projection, policy: policy)
    }

    @Test func expectationsAreLoaded() {
        #expect(TinyExpectation.all.count >= 19)
    }

    @Test(arguments: TinyExpectation.all)
    func writtenDownDecision(_ case_: TinyExpectation) throws {
        let router = try self.router(policy: case_.policy)
        let decision = router.route(
            case_.lead,
            load: AgentLoadTable(projection: router.projection),
            excluding: Set(case_.exclude ?? [])
        )
        let expect = case_.expect
        #expect(decision.status.rawValue == expect.status)
        #expect(decision.agentId == expect.agentId)
        #expect(decision.rule?.rawValue == expect.rule || expect.rule == nil)
        #expect(decision.reason?.rawValue == expect.reason)
        if let score = expect.score {
            #expect(abs((decision.score ?? -1) - score) < 1e-9, "score \(decision.score ?? -1)")
        }
        if let eligible = expect.eligibleCount { #expect(decision.eligibleCount == eligible) }
        if let excluded = expect.excluded { #expect(decision.excluded == excluded) }
        if let via = expect.via { #expect(decision.path.map(\.via) == via) }
        if let second = expect.second {
            #expect(decision.candidates.count >= 2)
            #expect(decision.candidates.dropFirst().first?.agentId == second)
        }
        if let note = expect.note { #expect(decision.notes.contains(note)) }
        #expect(decision.policy == router.policyIdentity)
        #expect(decision.graphVersion == Self.loaded.fingerprint)
        if decision.status == .routed {
            #expect(decision.path.first?.from == case_.lead.id)
            #expect(decision.path.last?.to == decision.agentId)
            #expect(decision.candidates.first?.agentId == decision.agentId)
        }
    }
}
