import Foundation
import Testing

@testable import LeadRoutingCore

/// The hand-written decision encoding is byte for byte `JSONEncoder`'s (sorted keys, unescaped slashes) on random
/// decisions with awkward strings and numbers; the comparison catches a writer that strays.
struct StableJSONWriterTests {
    static func foundation<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }

    static func written(_ value: some StableJSONWritable) -> [UInt8] {
        var writer = StableJSONWriter()
        value.write(to: &writer)
        return writer.bytes
    }

    static let strings = [
        "", "A1", "L0000001", "a/b", "quote\"d", "back\\slash", "tab\tnew\nline\r", "\u{08}\u{0C}\u{00}\u{1F}\u{7F}", "é",
        "Zoë 山田 🏠", "\u{2028}\u{2029}", "ds-f52b52e85bed657f", "default-1@sha256:0ac2c9d60b95",
    ]
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 0.1, 0.5, 1e-7, 1.5e-5, 2.5e-300, 5e-324, 1e15, 1e16, 1e17, 1e21, 1.7976931348623157e308, 123456,
        0.6034541343111076, 1.0 / 3.0, -3.25,
    ]

    static func decision(_ random: inout SeededRandom) -> RoutingDecision {
        func string() -> String { Self.strings[Int(random.next() % UInt64(Self.strings.count))] }
        func number() -> Double {
            random.next() % 3 == 0
                ? Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) : Self.numbers[Int(random.next() % UInt64(Self.numbers.count))]
        }
        func steps() -> [PathStep] {
            (0..<Int(random.next() % 4)).map { _ in
                PathStep(from: string(), to: string(), via: [.coveredBy, .adjacent, .refers][Int(random.next() % 3)])
            }
        }
        let candidates = (0..<Int(random.next() % 4)).map { _ in
            CandidateExplanation(
                agentId: string(),
                score: number(),
                features: FeatureScores(
                    coverage: number(),
                    referral: number(),
                    performance: number(),
                    headroom: number(),
                    fairness: number(),
                    responsiveness: number(),
                    distance: number()
                ),
                path: steps(),
                paths: (0..<Int(random.next() % 3)).map { _ in FeaturePath(feature: .referral, path: steps()) }
            )
        }
        var excluded: [String: Int] = [:]
        for _ in 0..<Int(random.next() % 4) { excluded[string()] = Int(random.next() % 1000) - 500 }
        let routed = random.next() % 2 == 0
        return RoutingDecision(
            leadId: string(),
            status: routed ? .routed : .unroutable,
            agentId: routed ? string() : nil,
            score: routed ? number() : nil,
            path: steps(),
            candidates: candidates,
            excluded: excluded,
            policy: string(),
            graphVersion: string(),
            reason: routed ? nil : .noEligibleAgent,
            rule: routed ? [.bestScore, .returningClient, .rebalance][Int(random.next() % 3)] : nil,
            eligibleCount: Int(random.next() % 10_000),
            notes: (0..<Int(random.next() % 3)).map { _ in string() }
        )
    }

    @Test func decisionsAreEncodedByteForByteAsJSONEncoderDoes() throws {
        var random = SeededRandom(seed: 42)
        for _ in 0..<2_000 {
            let decision = Self.decision(&random)
            #expect(Self.written(decision) == (try Self.foundation(decision)), "\(decision)")
            #expect(try StableJSON.bytes(decision) == (try Self.foundation(decision)))
            #expect(Self.written(decision.path) == (try Self.foundation(decision.path)))
        }
    }

    @Test func aRealDecisionRoundTrips() throws {
        let network = try SmallNetwork.router()
        let decision = network.route(Lead(id: "L1", territoryId: "T1", kind: .buy))
        let bytes = try StableJSON.bytes(decision)
        #expect(bytes == (try Self.foundation(decision)))
        #expect(try JSONDecoder().decode(RoutingDecision.self, from: Data(bytes)) == decision)
    }

    /// A non-finite score is not JSON: the fast path steps aside and `JSONEncoder` refuses it as before.
    @Test func nonFiniteNumbersFallBackToTheEncodersError() {
        let decision = RoutingDecision(leadId: "L1", status: .routed, agentId: "A1", score: .nan, policy: "p", graphVersion: "g")
        #expect(throws: EncodingError.self) { try StableJSON.bytes(decision) }
    }

    /// The comparison above can fail: a writer that puts one key out of order is caught.
    @Test func aStrayWriterIsCaught() throws {
        struct OutOfOrder: StableJSONWritable {
            var a = 1
            var b = 2
            func write(to w: inout StableJSONWriter) {
                w.raw(UInt8(ascii: "{"))
                w.key("b", first: true)
                w.number(self.b)
                w.key("a")
                w.number(self.a)
                w.raw(UInt8(ascii: "}"))
            }
        }
        #expect(Self.written(OutOfOrder()) != (try Self.foundation(OutOfOrder())))
    }
}
