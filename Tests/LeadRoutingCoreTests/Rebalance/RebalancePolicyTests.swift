import LeadRoutingCore
import Testing

@Suite struct RebalancePolicyTests {
    @Test func sectionDefaultsAndRoundTrip() throws {
        let policy = try RoutingPolicy.decode(json: Array(#"{"rebalance":{"churnPenalty":0.2}}"#.utf8))
        #expect(policy.rebalance.churnPenalty == 0.2)
        #expect(policy.rebalance.unassignedPenalty == RebalancePolicy.default.unassignedPenalty)
        #expect(policy.rebalance.loadCost == RebalancePolicy.defaultLoadCost)
        #expect(try RoutingPolicy.decode(json: policy.encodedJSON()) == policy)
        #expect(try RoutingPolicy.decode(json: Array("{}".utf8)).rebalance == .default)
    }

    @Test func marginalLoadCostFollowsTheSegments() {
        let policy = RebalancePolicy.default
        #expect(policy.marginalLoadCost(atUtilisation: 0.1) == 0)
        #expect(policy.marginalLoadCost(atUtilisation: 0.7) == 0)
        #expect(policy.marginalLoadCost(atUtilisation: 0.8) == 0.05)
        #expect(policy.marginalLoadCost(atUtilisation: 1) == 0.15)
    }

    @Test(arguments: [
        (#"{"rebalance":{"churnPenalty":-1}}"#, "rebalance.churnPenalty"),
        (#"{"rebalance":{"unassignedPenalty":5000}}"#, "rebalance.unassignedPenalty"),
        (#"{"rebalance":{"maxCandidates":0}}"#, "rebalance.maxCandidates"),
        (#"{"rebalance":{"loadCost":[]}}"#, "rebalance.loadCost"),
        (#"{"rebalance":{"loadCost":[{"upToUtilisation":0.5,"costPerLead":0}]}}"#, "rebalance.loadCost"),
        (
            #"{"rebalance":{"loadCost":[{"upToUtilisation":0.5,"costPerLead":0.3},{"upToUtilisation":1,"costPerLead":0.1}]}}"#,
            "rebalance.loadCost.1.costPerLead"
        ),
        (
            #"{"rebalance":{"loadCost":[{"upToUtilisation":0.8,"costPerLead":0},{"upToUtilisation":0.8,"costPerLead":1}]}}"#,
            "rebalance.loadCost.1.upToUtilisation"
        ),
        (#"{"rebalance":{"churn":0.1}}"#, "rebalance.churn"),
        (#"{"rebalance":{"loadCost":[{"upToUtilisation":1,"costPerLead":0,"x":1}]}}"#, "rebalance.loadCost.Index 0.x"),
    ])
    func invalidSectionIsRejectedNamingTheField(json: String, field: String) {
        #expect {
            _ = try RoutingPolicy.decode(json: Array(json.utf8))
        } throws: { error in
            guard let error = error as? RoutingPolicyError else { return false }
            return error.field == field
        }
    }
}
