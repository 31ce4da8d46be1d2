import LeadRoutingCore
import Testing

@Suite struct RoutingPolicyTests {
    @Test func defaultPolicyIsValidAndRoundTrips() throws {
        try RoutingPolicy.default.validate()
        let decoded = try RoutingPolicy.decode(json: RoutingPolicy.default.encodedJSON())
        #expect(decoded == RoutingPolicy.default)
    }

    @Test func absentFieldsTakeDefaults() throws {
        let policy = try RoutingPolicy.decode(json: Array(#"{"version":"v2","maxReferralHops":3}"#.utf8))
        #expect(policy.version == "v2")
        #expect(policy.maxReferralHops == 3)
        #expect(policy.maxTerritoryHops == RoutingPolicy.default.maxTerritoryHops)
        #expect(policy.weights == RoutingPolicy.default.weights)
    }

    @Test func weightsObjectNamesOnlyTheWeightsItSets() throws {
        let policy = try RoutingPolicy.decode(json: Array(#"{"weights":{"coverage":2}}"#.utf8))
        #expect(policy.weights.coverage == 2)
        #expect(policy.weights.referral == 0)
    }

    @Test(arguments: [
        (#"{"weights":{"coverage":-1}}"#, "weights.coverage"),
        (#"{"weights":{"coverage":0}}"#, "weights"),
        (#"{"weights":{"coverag":1}}"#, "weights.coverag"),
        (#"{"maxTerritoryHops":9}"#, "maxTerritoryHops"),
        (#"{"maxReferralHops":-1}"#, "maxReferralHops"),
        (#"{"territoryHopDecay":0}"#, "territoryHopDecay"),
        (#"{"referralHopDecay":1.5}"#, "referralHopDecay"),
        (#"{"distanceScaleKm":0}"#, "distanceScaleKm"),
        (#"{"unknownFeatureValue":2}"#, "unknownFeatureValue"),
        (#"{"explainTopK":0}"#, "explainTopK"),
        (#"{"version":""}"#, "version"),
        (#"{"maxTerritoryHops":"one"}"#, "maxTerritoryHops"),
        (#"{"stickyReturningClient":true}"#, "stickyReturningClient"),
        (#"{"version": 1"#, ""),
        (#"[1,2]"#, ""),
    ])
    func invalidPolicyIsRejectedNamingTheField(json: String, field: String) {
        #expect {
            _ = try RoutingPolicy.decode(json: Array(json.utf8))
        } throws: { error in
            guard let error = error as? RoutingPolicyError else { return false }
            return error.field == field && error.description.contains("invalid policy")
        }
    }
}
