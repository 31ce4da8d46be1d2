import LeadRoutingCore
import Testing

/// The per-lead adjustments of the performance term: the client's own language (`ownLanguageBonus`) and the
/// agent's load with the lead counted (`loadConversionPenalty`), both in log-odds of the agent's conversion rate.
@Suite struct ConversionAdjustmentTests {
    /// Two agents covering t1 alike with the same history (3 of 10 closed): E speaks English only, S English and
    /// Spanish. E has 1 open lead of 4, S 3 of 4.
    static func router(_ policy: RoutingPolicy) throws -> Router {
        let dataset = Dataset(
            agents: [
                Agent(id: "E", states: ["CA"], languages: ["en"], capacity: 4, openLeads: 1, closed: 3, assigned: 10),
                Agent(id: "S", states: ["CA"], languages: ["en", "es"], capacity: 4, openLeads: 3, closed: 3, assigned: 10),
            ],
            territories: [Territory(id: "t1", state: "CA", latitude: 34.0, longitude: -118.0)],
            coverage: (0..<2).map { Coverage(agent: Int32($0), territory: 0, weight: 1) }
        )
        return Router(projection: try GraphProjection(dataset: dataset, version: "adjust-1"), policy: policy)
    }

    /// Only the performance term scores, so the ranking is the adjusted conversion order.
    static func performanceOnly(language: Double = 0, load: Double = 0) -> RoutingPolicy {
        RoutingPolicy(
            weights: .init(coverage: 0, referral: 0, performance: 1, headroom: 0, fairness: 0, responsiveness: 0, distance: 0),
            ownLanguageBonus: language,
            loadConversionPenalty: load
        )
    }

    static func performance(_ decision: RoutingDecision) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: decision.candidates.map { ($0.agentId, $0.features.performance) })
    }

    static func logit(_ p: Double) -> Double { PortableMath.log(p) - PortableMath.log(1 - p) }

    static let spanish = Lead(id: "l1", territoryId: "t1", language: "es")

    @Test func withoutAdjustmentsBothAgentsScoreTheirRate() throws {
        let decision = try Self.router(Self.performanceOnly()).route(Self.spanish)
        let rates = Self.performance(decision)
        #expect(rates["E"] == rates["S"])
        // Equal scores: the lower utilisation (E, 1/4) wins the tie.
        #expect(decision.agentId == "E")
    }

    @Test func theClientsOwnLanguageRaisesTheSpeakersLogOdds() throws {
        let plain = Self.performance(try Self.router(Self.performanceOnly()).route(Self.spanish))
        let decision = try Self.router(Self.performanceOnly(language: 0.4)).route(Self.spanish)
        let adjusted = Self.performance(decision)
        #expect(decision.agentId == "S")
        #expect(abs(Self.logit(try #require(adjusted["S"])) - Self.logit(try #require(plain["S"])) - 0.4) < 1e-9)
        // E does not speak Spanish: only the round trip through log-odds, no bonus.
        #expect(abs(try #require(adjusted["E"]) - (try #require(plain["E"]))) < 1e-12)
        // A client without a language gets no bonus for anybody.
        let english = Self.performance(try Self.router(Self.performanceOnly(language: 0.4)).route(Lead(id: "l2", territoryId: "t1")))
        #expect(abs(try #require(english["S"]) - (try #require(english["E"]))) < 1e-12)
    }

    @Test func aNearlyFullAgentLosesMoreThanAHalfEmptyOne() throws {
        let plain = Self.performance(try Self.router(Self.performanceOnly()).route(Self.spanish))
        let decision = try Self.router(Self.performanceOnly(load: 1.6)).route(Self.spanish)
        let adjusted = Self.performance(decision)
        // With the lead counted: E at 2/4, S at 4/4.
        let dropE = Self.logit(try #require(plain["E"])) - Self.logit(try #require(adjusted["E"]))
        let dropS = Self.logit(try #require(plain["S"])) - Self.logit(try #require(adjusted["S"]))
        #expect(abs(dropE - 1.6 * 0.25) < 1e-9)
        #expect(abs(dropS - 1.6) < 1e-9)
        // The language bonus (0.4) does not outweigh S's load (1.6 − 0.4 = 1.2 more logit lost than E).
        let both = try Self.router(Self.performanceOnly(language: 0.4, load: 1.6)).route(Self.spanish)
        #expect(both.agentId == "E")
    }

    @Test func thePolicyFieldsDecodeValidateAndRoundTrip() throws {
        let policy = try RoutingPolicy.decode(json: Array(#"{"ownLanguageBonus":0.4,"loadConversionPenalty":1.6}"#.utf8))
        #expect(policy.ownLanguageBonus == 0.4 && policy.loadConversionPenalty == 1.6)
        #expect(try RoutingPolicy.decode(json: policy.encodedJSON()) == policy)
        let encoded = String(decoding: RoutingPolicy.default.canonicalContent(), as: UTF8.self)
        // The language bonus is off by default and then left out, so older policies keep their identity; the load
        // adjustment is on by default and always written.
        #expect(!encoded.contains("ownLanguageBonus") && encoded.contains(#""loadConversionPenalty":1.6"#))
        #expect(RoutingPolicy.default.loadConversionPenalty == 1.6)
        #expect(try RoutingPolicy.decode(json: Array(#"{"loadConversionPenalty":0}"#.utf8)).loadConversionPenalty == 0)
        #expect(policy.identity != (try RoutingPolicy.decode(json: Array("{}".utf8))).identity)
        for field in ["ownLanguageBonus", "loadConversionPenalty"] {
            #expect {
                _ = try RoutingPolicy.decode(json: Array(#"{"\#(field)":-0.5}"#.utf8))
            } throws: { error in
                (error as? RoutingPolicyError)?.description == "invalid policy: \(field): must be a finite number ≥ 0"
            }
        }
    }

    /// Adjustments only lower or raise the performance term of each candidate; the pruned search (distance at its
    /// bound) still gives the exhaustive search's decision.
    @Test func prunedAndExhaustiveAgreeWithAdjustments() throws {
        let policy = RoutingPolicy(ownLanguageBonus: 0.4, loadConversionPenalty: 1.6)
        let pruned = try Self.router(policy)
        let exhaustive = Router(projection: pruned.projection, policy: policy, search: .exhaustive)
        for (index, language) in [nil, "es", "en"].enumerated() {
            let lead = Lead(id: "l\(index)", territoryId: "t1", language: language)
            #expect(pruned.route(lead) == exhaustive.route(lead))
        }
    }
}
