import LeadRoutingStores
import Testing

@testable import LeadRoutingCore

/// A/B tests inside one simulated world: the split by lead id, determinism, and that the shared world changes
/// nothing for identical policies.
@Suite struct SimulationABTestTests {
    static let quick = SimulationConfiguration(days: 4, leadsPerDay: 20, seed: 3, replications: 2)

    /// The split rule spelled out independently: SHA-256 of the experiment, a zero byte and the id, first eight bytes
    /// big-endian, modulo the weights' sum, the first arm taking the lowest slice.
    static func expectedArm(_ leadId: String, weights: [Int], experiment: String = "a vs b") -> Int {
        let digest = SHA256Digest.hash(Array("\(experiment)\u{0}\(leadId)".utf8))
        var value: UInt64 = 0
        for byte in digest[0..<8] { value = value * 256 + UInt64(byte) }
        var bucket = Int(value % UInt64(weights.reduce(0, +)))
        for (arm, weight) in weights.enumerated() {
            if bucket < weight { return arm }
            bucket -= weight
        }
        return weights.count - 1
    }

    static func test(_ policies: [(String, RoutingPolicy)], weights: [Int]? = nil) throws -> SimulationABTest {
        try SimulationABTest(
            arms: policies.map { SimulationABTest.Arm(name: $0.0, policy: $0.1) },
            split: try weights.map { try TrafficSplit(weights: $0) }
        )
    }

    @Test func splitFollowsTheHashRuleAndTheShares() throws {
        let weights = [30, 70]
        let split = try TrafficSplit(weights: weights)
        let ids = (1...10_000).map { "sim-0-\($0)" }
        let arms = ids.map { split.arm(of: $0, experiment: "a vs b") }
        #expect(arms == ids.map { Self.expectedArm($0, weights: weights) })
        // Another experiment splits the same leads differently.
        let other = ids.map { split.arm(of: $0, experiment: "a vs c") }
        #expect(other == ids.map { Self.expectedArm($0, weights: weights, experiment: "a vs c") })
        #expect(zip(arms, other).filter { $0 != $1 }.count > 2000)
        let share = Double(arms.filter { $0 == 0 }.count) / Double(ids.count)
        #expect(abs(share - 0.3) < 0.02, "first arm's share \(share)")
        // The checker tells rules apart: the slices the other way round put many leads elsewhere.
        #expect(arms != ids.map { Self.expectedArm($0, weights: [70, 30]) })
        #expect(try TrafficSplit.equal(3).shares == [1.0 / 3, 1.0 / 3, 1.0 / 3])
    }

    @Test func badSplitsAreRefusedByName() {
        for (weights, arms) in [([100], 1), ([0, 10], 2), ([50, 50, 50], 2)] {
            #expect {
                try SimulationABTest(
                    arms: (0..<arms).map { SimulationABTest.Arm(name: "p\($0)", policy: .default) },
                    split: try TrafficSplit(weights: weights)
                )
            } throws: { error in
                (error as? InputError)?.field == "split" || (error as? InputError)?.field == "policy"
            }
        }
        #expect(throws: InputError(field: "policy", reason: "an A/B test needs at least two policies", subject: "simulation")) {
            try SimulationABTest(arms: [SimulationABTest.Arm(name: "a", policy: .default)])
        }
    }

    @Test func sameSeedSameRunAndLeadsSplitByTheirIds() async throws {
        let simulation = try SimulationWorld().simulation(Self.quick)
        let worse = RoutingPolicy(version: "headroom-only", weights: Self.headroomOnly)
        let test = try Self.test([("default-1", .default), ("headroom-only", worse)], weights: [40, 60])
        let first = try await simulation.runInMemory([.abTest(test)])
        let second = try await simulation.runInMemory([.abTest(test)])
        #expect(first.runs == second.runs)
        for run in first.runs {
            let tallies = try #require(run.abTest)
            let ids = simulation.arrivals(replication: run.replication).map(\.lead.id)
            let expected = [0, 1].map { arm in ids.filter { Self.expectedArm($0, weights: [40, 60], experiment: test.name) == arm }.count }
            #expect(tallies.map(\.arrivals) == expected)
            #expect(tallies.map(\.arrivals).reduce(0, +) == run.arrivals)
            #expect(tallies.map(\.offers).reduce(0, +) == run.offers)
            #expect(tallies.map(\.accepted).reduce(0, +) == run.accepted)
            #expect(tallies.map(\.conversions).reduce(0, +) == run.conversions)
            #expect(tallies.map(\.slaBreaches).reduce(0, +) == run.slaBreaches)
            #expect(tallies.allSatisfy { $0.offers > 0 && $0.accepted > 0 })
        }
        let report = try #require(first.abTest)
        #expect(report.arms.map(\.name) == ["default-1", "headroom-only"])
        #expect(report.differences.map(\.name) == ["headroom-only"])
    }

    @Test func identicalPoliciesRouteAsOnePolicyAndDifferOnlyByChance() async throws {
        let configuration = SimulationConfiguration(days: 6, leadsPerDay: 25, seed: 9, replications: 5)
        let simulation = try SimulationWorld().simulation(configuration)
        let test = try Self.test([("a", .default), ("b", .default)])
        let report = try await simulation.runInMemory([.policy(.default), .abTest(test)])
        // One world, one policy: splitting the leads between two copies of it changes no decision.
        for replication in 0..<configuration.replications {
            let plain = try #require(report.runs.first { $0.replication == replication && $0.arm == RoutingPolicy.default.version })
            let split = try #require(report.runs.first { $0.replication == replication && $0.arm == test.name })
            #expect(plain.conversions == split.conversions && plain.offers == split.offers)
            #expect(abs(plain.expectedConversions - split.expectedConversions) < 1e-9)
        }
        let difference = try #require(report.abTest?.differences.first)
        #expect(difference.conversionPoints.low <= 0 && difference.conversionPoints.high >= 0, "\(difference.conversionPoints)")
        #expect(difference.expectedConversionPoints.low <= 0 && difference.expectedConversionPoints.high >= 0)
    }

    @Test func eachPolicyRanksItsOwnLeads() async throws {
        // The control's lifecycle ranks every lead unless the choice hands the other policy's leads to its router: with
        // the choice, the second policy's leads see its weights; the figures then differ from a split of two copies.
        let simulation = try SimulationWorld().simulation(Self.quick)
        let worse = RoutingPolicy(version: "headroom-only", weights: Self.headroomOnly)
        let copies = try Self.test([("default-1", .default), ("copy", .default)])
        let test = try Self.test([("default-1", .default), ("headroom-only", worse)])
        let report = try await simulation.runInMemory([.abTest(copies), .abTest(test)])
        let withCopy = report.runs.filter { $0.arm == copies.name }.compactMap { $0.abTest?[1].expectedConversions }
        let withWorse = report.runs.filter { $0.arm == test.name }.compactMap { $0.abTest?[1].expectedConversions }
        #expect(withCopy.count == 2 && withCopy != withWorse)
    }

    static let headroomOnly = FeatureWeights(
        coverage: 0,
        referral: 0,
        performance: 0,
        headroom: 1,
        fairness: 0,
        responsiveness: 0,
        distance: 0
    )
}
