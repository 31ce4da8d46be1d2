import LeadRoutingCore
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct SeededRandomTests {
    // Reference values computed once with an independent implementation of SplitMix64 / xoshiro256**
    // (Blackman & Vigna). If these change, every generated dataset changes: that is a breaking change.

    @Test func splitMix64MatchesReference() {
        var state: UInt64 = 0
        #expect(SeededRandom.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
    }

    @Test func firstOutputsForSeed42AreFixed() {
        var random = SeededRandom(seed: 42)
        #expect(random.next() == 0x1578_0B2E_0C2E_C716)
        #expect(random.next() == 0x6104_D986_6D11_3A7E)
        #expect(random.next() == 0xAE17_5332_39E4_99A1)
        #expect(random.next() == 0xECB8_AD47_03B3_60A1)
    }

    @Test func firstOutputsForSeed0AreFixed() {
        var random = SeededRandom(seed: 0)
        #expect(random.next() == 0x99EC_5F36_CB75_F2B4)
        #expect(random.next() == 0xBF6E_1F78_4956_452A)
    }

    @Test func streamsAreFixedAndIndependent() {
        var stream3 = SeededRandom(seed: 42, stream: 3)
        #expect(stream3.next() == 0xC806_D286_C7DF_20C7)
        #expect(stream3.next() == 0xCBF1_FEAC_445A_4171)
        var stream0 = SeededRandom(seed: 42, stream: 0)
        var stream1 = SeededRandom(seed: 42, stream: 1)
        #expect(stream0.next() != stream1.next())
    }

    @Test func uniformUsesTop53Bits() {
        var random = SeededRandom(seed: 42)
        #expect(random.uniform() == 0.08386297105988216)
        #expect(random.uniform() == 0.3789802506626686)
        #expect(random.uniform() == 0.6800434110281394)
    }

    @Test func lemireIntegersAreFixed() {
        var random = SeededRandom(seed: 7)
        let values = (0..<8).map { _ in random.int(below: 100) }
        #expect(values == [70, 27, 83, 98, 99, 87, 6, 10])
    }

    @Test(arguments: [1, 2, 3, 7, 10, 1000, 1 << 40])
    func intBelowStaysInRange(bound: Int) {
        var random = SeededRandom(seed: UInt64(bound))
        for _ in 0..<2000 {
            let value = random.int(below: bound)
            #expect(value >= 0 && value < bound)
        }
    }

    @Test(arguments: [-5...5, 0...0, 10...12, Int.min...Int.max])
    func intInClosedRangeStaysInRange(range: ClosedRange<Int>) {
        var random = SeededRandom(seed: 3)
        for _ in 0..<1000 { #expect(range.contains(random.int(in: range))) }
    }

    @Test func intBelowIsRoughlyUniform() {
        var random = SeededRandom(seed: 5)
        var counts = [Int](repeating: 0, count: 10)
        for _ in 0..<100_000 { counts[random.int(below: 10)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
    }

    @Test func normalHasMeanZeroAndUnitVariance() {
        var random = SeededRandom(seed: 9)
        var sum = 0.0
        var squares = 0.0
        let n = 100_000
        for _ in 0..<n {
            let z = random.normal()
            sum += z
            squares += z * z
        }
        let mean = sum / Double(n)
        #expect(abs(mean) < 0.02)
        #expect(abs(squares / Double(n) - mean * mean - 1) < 0.03)
    }

    @Test func logNormalMedianAndParetoTail() {
        var random = SeededRandom(seed: 10)
        var values = (0..<20_001).map { _ in random.logNormal(median: 25, sigma: 0.9) }
        values.sort()
        #expect(abs(values[10_000] - 25) < 1.5)
        // Pareto(1, 1.5): P(X > 10) = 10^-1.5 ≈ 3.2 %.
        let tail = (0..<100_000).filter { _ in random.pareto(minimum: 1, alpha: 1.5) > 10 }.count
        #expect(abs(Double(tail) / 100_000 - 0.0316) < 0.003)
    }

    @Test(arguments: [0.5, 4.0, 29.0, 80.0])
    func poissonMean(mean: Double) {
        var random = SeededRandom(seed: 11)
        let n = 20_000
        let total = (0..<n).reduce(0) { sum, _ in sum + random.poisson(mean: mean) }
        #expect(abs(Double(total) / Double(n) - mean) < max(0.05, mean * 0.03))
    }

    @Test(arguments: [(10, 0.3), (100, 0.05), (500, 0.7)])
    func binomialMeanAndBounds(trials: Int, probability: Double) {
        var random = SeededRandom(seed: 12)
        var total = 0
        for _ in 0..<5000 {
            let k = random.binomial(trials: trials, probability: probability)
            #expect(k >= 0 && k <= trials)
            total += k
        }
        let expected = Double(trials) * probability
        #expect(abs(Double(total) / 5000 - expected) < max(0.1, expected * 0.03))
    }

    @Test func zipfIsAtLeastOneAndCapped() {
        var random = SeededRandom(seed: 13)
        let values = (0..<10_000).map { _ in random.zipf(alpha: 1.1, maximum: 50) }
        #expect(values.allSatisfy { $0 >= 1 && $0 <= 50 })
        #expect(values.filter { $0 == 1 }.count > 4000)
        #expect(values.contains(50))
    }

    @Test func aliasTableFollowsWeights() {
        let table = AliasTable(weights: [1, 0, 3, 6])
        var random = SeededRandom(seed: 14)
        var counts = [0, 0, 0, 0]
        for _ in 0..<100_000 { counts[table.sample(using: &random)] += 1 }
        #expect(counts[1] == 0)
        #expect(abs(counts[0] - 10_000) < 600)
        #expect(abs(counts[2] - 30_000) < 900)
        #expect(abs(counts[3] - 60_000) < 900)
    }

    @Test func aliasTableWithAllZeroWeightsIsUniform() {
        let table = AliasTable(weights: [0, 0])
        var random = SeededRandom(seed: 1)
        let ones = (0..<10_000).filter { _ in table.sample(using: &random) == 1 }.count
        #expect(abs(ones - 5000) < 300)
    }

    @Test func shuffleIsADeterministicPermutation() {
        var a = Array(0..<100)
        var b = Array(0..<100)
        var first = SeededRandom(seed: 15)
        var second = SeededRandom(seed: 15)
        first.shuffle(&a)
        second.shuffle(&b)
        #expect(a == b)
        #expect(a != Array(0..<100))
        #expect(a.sorted() == Array(0..<100))
    }

    @Test(arguments: [-700.0, -20.0, -1.0, -1e-9, 0.0, 0.3, 1.0, 2.5, 10.0, 300.0, 709.0])
    func portableExpMatchesLibm(x: Double) {
        let expected = exp(x)
        #expect(abs(PortableMath.exp(x) - expected) <= expected * 4e-16)
    }

    @Test(arguments: [1e-300, 1e-9, 0.1, 0.5, 0.999, 1.0, 1.5, 2.0, 10.0, 1e10, 1e300])
    func portableLogMatchesLibm(x: Double) {
        #expect(abs(PortableMath.log(x) - log(x)) <= max(1e-300, abs(log(x)) * 4e-16) + 1e-16)
    }

    @Test(arguments: [-10.0, -3.1, -1.0, 0.0, 0.5, 1.5707963267948966, 3.0, 3.14159, 6.2, 100.0])
    func portableSinCosMatchLibm(x: Double) {
        #expect(abs(PortableMath.sin(x) - sin(x)) < 1e-14)
        #expect(abs(PortableMath.cos(x) - cos(x)) < 1e-14)
    }

    @Test(arguments: [(1.0, 0.0), (0.0, 1.0), (-1.0, -1.0), (3.0, -4.0), (-0.2, 5.0), (0.0, -2.0), (1e-8, 1.0)])
    func portableAtan2MatchesLibm(y: Double, x: Double) {
        #expect(abs(PortableMath.atan2(y, x) - atan2(y, x)) < 1e-14)
    }
}
