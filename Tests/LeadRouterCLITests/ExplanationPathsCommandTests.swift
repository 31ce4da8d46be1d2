import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI

/// Every path that counted reaches the user: in the decision JSON and in the demo's explanations.
@Suite struct ExplanationPathsCommandTests {
    /// The twins of the tiny fixture tie on everything but Mia's referral from Lou, the lead's source agent.
    static let tieBrokenByReferral = #"{"id":"L11","territoryId":"T7","kind":"buy","sourceAgentId":"A12"}"#

    @Test func theDecisionListsTheReferralChainBehindACoveragePrimaryPath() throws {
        let result = try CLIProcess.run(["route", "--dataset", "fixtures/tiny", "--lead", "-", "--json"], stdin: Self.tieBrokenByReferral)
        #expect(result.status == 0, "\(result.stderr)")
        let decision = try JSONDecoder().decode(RoutingDecision.self, from: Data(result.stdout.utf8))
        let winner = try #require(decision.candidates.first)
        #expect(decision.agentId == "A13")
        #expect(decision.path.map(\.to) == ["T7", "A13"])
        #expect(winner.paths.map(\.feature) == ["coverage", "referral"])
        #expect(winner.paths[1].path == [PathStep(from: "L11", to: "A12", via: .referredBy), PathStep(from: "A12", to: "A13", via: .refers)])
        #expect(result.stdout.contains(#""paths":[{"#))
    }

    @Test func theDemoTextShowsThePathsBesideThePrimaryOne() throws {
        let loaded = try LoadedProjection.load(dataset: RepositoryPaths.tinyFixture)
        let router = Router(projection: loaded.projection)
        let lead = try JSONDecoder().decode(Lead.self, from: Data(Self.tieBrokenByReferral.utf8))
        var text = DemoText(router: router)
        text.examples([router.route(lead)])
        #expect(text.output.contains("   path: L11 -located_in→ T7 -covered_by→ A13\n"))
        #expect(text.output.contains("   also counted (referral): L11 -referred_by→ A12 -refers→ A13\n"))
        #expect(!text.output.contains("also counted (coverage)"))
    }
}
