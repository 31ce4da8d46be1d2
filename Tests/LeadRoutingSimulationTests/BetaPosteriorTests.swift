import LeadRoutingCore
import Testing

@Suite struct BetaPosteriorTests {
    @Test func seededMeanIsTheShrunkRateAndUpdatesCount() {
        // 3 closed of 10 assigned, 10 pseudo-observations at the network rate 0.2:
        // α = 3 + 10·0.2 = 5, β = (10 − 3) + 10·0.8 = 15, mean = 5/20 = 0.25 = (3 + 2)/(10 + 10).
        let prior = BetaPosterior.seeded(closed: 3, assigned: 10, prior: 0.2, strength: 10)
        #expect(abs(prior.alpha - 5) < 1e-12)
        #expect(abs(prior.beta - 15) < 1e-12)
        #expect(abs(prior.mean - 0.25) < 1e-12)
        // Two wins and three losses later: α = 7, β = 18, mean = 7/25 = 0.28.
        let later = prior.updated(won: 2, lost: 3)
        #expect(abs(later.alpha - 7) < 1e-12)
        #expect(abs(later.beta - 18) < 1e-12)
        #expect(abs(later.mean - 0.28) < 1e-12)
    }

    @Test func quantilesOfKnownDistributions() {
        // Beta(1, 1) is uniform: the 2.5% and 97.5% points are 0.025 and 0.975.
        let uniform = BetaPosterior(alpha: 1, beta: 1).interval95
        #expect(abs(uniform.low - 0.025) < 1e-8)
        #expect(abs(uniform.high - 0.975) < 1e-8)
        // Beta(2, 1) has CDF x²: the median is √0.5.
        #expect(abs(BetaPosterior(alpha: 2, beta: 1).quantile(0.5) - 0.5.squareRoot()) < 1e-8)
        // Beta(1, 3) has CDF 1 − (1 − x)³: the 97.5% point is 1 − 0.025^(1/3).
        #expect(abs(BetaPosterior(alpha: 1, beta: 3).quantile(0.975) - (1 - 0.2924017738212866)) < 1e-8)
    }

    @Test func thompsonDrawsAreReproducibleAndCentredOnTheMean() {
        let posterior = BetaPosterior(alpha: 30, beta: 70)
        var first = SeededRandom(seed: 9, key: "lead-1")
        var again = SeededRandom(seed: 9, key: "lead-1")
        #expect(posterior.draw(using: &first) == posterior.draw(using: &again))
        var random = SeededRandom(seed: 11)
        let draws = (0..<4000).map { _ in posterior.draw(using: &random) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(mean - 0.3) < 0.01)
        // Small shapes (boosted gamma) stay inside (0, 1).
        var small = SeededRandom(seed: 12)
        #expect((0..<500).allSatisfy { _ in (0...1).contains(BetaPosterior(alpha: 0.3, beta: 0.5).draw(using: &small)) })
    }

    @Test func outcomesConvergeOnTheTrueRate() {
        // A long run of closes drawn at a true rate of 0.35 from a prior centred on 0.1.
        var posterior = BetaPosterior.seeded(closed: 2, assigned: 20, prior: 0.1, strength: 10)
        var random = SeededRandom(seed: 5)
        for _ in 0..<5000 { posterior = random.bernoulli(0.35) ? posterior.updated(won: 1, lost: 0) : posterior.updated(won: 0, lost: 1) }
        #expect(abs(posterior.mean - 0.35) < 0.02)
        let interval = posterior.interval95
        #expect(interval.low < 0.35 && 0.35 < interval.high)
        #expect(interval.high - interval.low < 0.03)
    }
}
