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

/// `responsePriorStrength`: how many accepts the dataset's response time is worth.
@Suite struct ResponsePriorStrengthPolicyTests {
    @Test func decodedWhenGivenAndDefaultWhenAbsent() throws {
        #expect(RoutingPolicy.default.responsePriorStrength == 5)
        #expect(try RoutingPolicy.decode(json: Array("{}".utf8)).responsePriorStrength == 5)
        #expect(try RoutingPolicy.decode(json: Array(#"{"responsePriorStrength":0}"#.utf8)).responsePriorStrength == 0)
        let custom = try RoutingPolicy.decode(json: Array(#"{"responsePriorStrength":12.5}"#.utf8))
        #expect(custom.responsePriorStrength == 12.5)
        #expect(try RoutingPolicy.decode(json: custom.encodedJSON()) == custom)
    }

    @Test(arguments: [
        (#"{"responsePriorStrength":-1}"#, "must be a finite number ≥ 0"),
        (#"{"responsePriorStrength":"five"}"#, "expected a number"),
    ])
    func refusedNamingTheField(json: String, reason: String) {
        #expect {
            _ = try RoutingPolicy.decode(json: Array(json.utf8))
        } throws: { error in
            guard let error = error as? RoutingPolicyError else { return false }
            return error.field == "responsePriorStrength" && error.reason == reason
                && error.description == "invalid policy: responsePriorStrength: \(reason)"
        }
    }

    /// The default is left out of the encoding, so every policy written before the field keeps its identity; another
    /// strength routes differently once the store has accepts, so it is another identity.
    @Test func theDefaultKeepsPolicyIdentities() throws {
        let encoded = String(decoding: RoutingPolicy.default.canonicalContent(), as: UTF8.self)
        #expect(!encoded.contains("responsePriorStrength"))
        var stronger = RoutingPolicy.default
        stronger.responsePriorStrength = 20
        #expect(String(decoding: stronger.canonicalContent(), as: UTF8.self).contains(#""responsePriorStrength":20"#))
        #expect(stronger.identity != RoutingPolicy.default.identity)
    }
}
