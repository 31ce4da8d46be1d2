import LeadRoutingCore
import Testing

@Suite struct LoadFairnessTests {
    @Test func equalLoadsAreFair() {
        #expect(LoadFairness.gini([3, 3, 3, 3]) == 0)
        #expect(LoadFairness.jain([3, 3, 3, 3]) == 1)
    }

    @Test func oneAgentWithEverything() {
        // Gini of (0, 0, 0, 4): Σ(2i−n−1)x / (nΣx) = (3·4) / (4·4) = 0.75; Jain = 16 / (4·16) = 0.25.
        #expect(abs(LoadFairness.gini([0, 4, 0, 0]) - 0.75) < 1e-12)
        #expect(abs(LoadFairness.jain([0, 4, 0, 0]) - 0.25) < 1e-12)
    }

    @Test func confidenceIntervalByHand() {
        // Values 1, 2, 3: mean 2, s = 1, half width = t(0.975, 2) · 1/√3 = 4.303 / 1.7320508 = 2.4843.
        let estimate = Estimate([1, 2, 3])
        #expect(estimate.mean == 2)
        #expect(abs(estimate.halfWidth - 4.303 / 3.0.squareRoot()) < 1e-9)
        #expect(Estimate([5]).halfWidth == 0)
    }
}
