/// A portable, seedable pseudo-random generator: xoshiro256** (Blackman & Vigna) whose 256-bit state is
/// filled by SplitMix64 from a 64-bit seed.
///
/// Why our own generator: the standard library's `SystemRandomNumberGenerator` is not seedable, and the
/// algorithms behind `Int.random(in:using:)`, `Double.random(in:using:)` and `shuffle(using:)` are not
/// guaranteed stable across Swift versions or platforms. Every helper here uses only integer arithmetic,
/// IEEE-754 basic operations (+ − × ÷ √, which are correctly rounded everywhere) and ``PortableMath``,
/// so a seed gives the same stream on Linux, macOS and any future toolchain.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    /// Second value of the last Box–Muller pair, returned by the next ``normal()`` call.
    private var spareNormal: Double?

    /// Seeds the generator. `stream` selects an independent sub-stream for the same seed (the generator
    /// uses one stream per phase, so changing how leads are drawn never changes the agents).
    public init(seed: UInt64, stream: UInt64 = 0) {
        var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        if stream != 0 { _ = SeededRandom.splitMix64(&state) }
        self.s0 = SeededRandom.splitMix64(&state)
        self.s1 = SeededRandom.splitMix64(&state)
        self.s2 = SeededRandom.splitMix64(&state)
        self.s3 = SeededRandom.splitMix64(&state)
        if self.s0 | self.s1 | self.s2 | self.s3 == 0 { self.s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// One step of SplitMix64 (Steele, Lea & Flood): advances `state` and returns a well-mixed value.
    public static func splitMix64(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(self.s1 &* 5, 7) &* 9
        let t = self.s1 << 17
        self.s2 ^= self.s0
        self.s3 ^= self.s1
        self.s1 ^= self.s2
        self.s0 ^= self.s3
        self.s2 ^= t
        self.s3 = rotateLeft(self.s3, 45)
        return result
    }

    @inline(__always)
    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    // MARK: Uniform

    /// Uniform Double in [0, 1) built from the top 53 bits.
    public mutating func uniform() -> Double {
        Double(self.next() >> 11) * 0x1.0p-53
    }

    /// Uniform Double in (0, 1]: safe to take the logarithm of.
    public mutating func uniformPositive() -> Double {
        Double((self.next() >> 11) + 1) * 0x1.0p-53
    }

    /// Uniform Double in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * self.uniform()
    }

    /// True with probability `p` (clamped to [0, 1]).
    public mutating func bernoulli(_ p: Double) -> Bool {
        self.uniform() < p
    }

    /// Uniform integer in [0, bound) by Lemire's multiply-and-reject method (unbiased, integer-only).
    public mutating func int(below bound: UInt64) -> UInt64 {
        precondition(bound > 0, "bound must be positive")
        var product = self.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = self.next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// Uniform integer in [0, bound).
    public mutating func int(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(self.int(below: UInt64(bound)))
    }

    /// Uniform integer in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(bitPattern: Int64(range.upperBound &- range.lowerBound)) &+ 1
        if span == 0 { return Int(bitPattern: UInt(self.next())) }  // the whole Int range
        return range.lowerBound &+ Int(bitPattern: UInt(self.int(below: span)))
    }

    // MARK: Continuous distributions

    /// Standard normal by the Box–Muller transform (the second value of each pair is kept for the next call).
    public mutating func normal() -> Double {
        if let spare = self.spareNormal {
            self.spareNormal = nil
            return spare
        }
        let radius = (-2 * PortableMath.log(self.uniformPositive())).squareRoot()
        let angle = 2 * Double.pi * self.uniform()
        self.spareNormal = radius * PortableMath.sin(angle)
        return radius * PortableMath.cos(angle)
    }

    /// Normal with the given mean and standard deviation.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * self.normal()
    }

    /// Log-normal: `median · exp(sigma · Z)`; heavy right tail for prices and response times.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * PortableMath.exp(sigma * self.normal())
    }

    /// Exponential with the given mean.
    public mutating func exponential(mean: Double) -> Double {
        -mean * PortableMath.log(self.uniformPositive())
    }

    /// Pareto (type I): `minimum · U^(−1/alpha)`, so P(X > x) = (minimum / x)^alpha. Smaller alpha, heavier tail.
    public mutating func pareto(minimum: Double, alpha: Double) -> Double {
        minimum * PortableMath.exp(-PortableMath.log(self.uniformPositive()) / alpha)
    }

    // MARK: Discrete distributions

    /// Zipf-like integer ≥ 1: the floor of a Pareto(1, alpha) draw, capped at `maximum`.
    /// P(X ≥ k) = k^(−alpha).
    public mutating func zipf(alpha: Double, maximum: Int) -> Int {
        let value = self.pareto(minimum: 1, alpha: alpha)
        return value >= Double(maximum) ? maximum : max(1, Int(value))
    }

    /// Poisson count: Knuth's product method below mean 30, a rounded normal approximation above.
    public mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean < 30 {
            let limit = PortableMath.exp(-mean)
            var product = self.uniform()
            var count = 0
            while product > limit {
                count += 1
                product *= self.uniform()
            }
            return count
        }
        let value = (mean + mean.squareRoot() * self.normal()).rounded()
        return value <= 0 ? 0 : Int(value)
    }

    /// Binomial count of successes in `trials` with success probability `probability`: exact Bernoulli
    /// trials up to 100 trials, a rounded and clamped normal approximation above.
    public mutating func binomial(trials: Int, probability: Double) -> Int {
        guard trials > 0, probability > 0 else { return 0 }
        if probability >= 1 { return trials }
        if trials <= 100 {
            var successes = 0
            for _ in 0..<trials where self.uniform() < probability { successes += 1 }
            return successes
        }
        let mean = Double(trials) * probability
        let deviation = (mean * (1 - probability)).squareRoot()
        let value = (mean + deviation * self.normal()).rounded()
        return value <= 0 ? 0 : (value >= Double(trials) ? trials : Int(value))
    }

    /// Index drawn with probability proportional to `weights` (linear scan; for small fixed tables).
    /// For large or repeated draws use ``AliasTable``.
    public mutating func index(weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        var target = self.uniform() * total
        for (index, weight) in weights.enumerated() {
            target -= weight
            if target < 0 { return index }
        }
        return weights.count - 1
    }

    /// A uniformly chosen element of a non-empty array.
    public mutating func element<T>(of array: [T]) -> T {
        array[self.int(below: array.count)]
    }

    /// Fisher–Yates shuffle using ``int(below:)-(Int)`` (the standard library's `shuffle(using:)` is not
    /// guaranteed stable across versions).
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = self.int(below: i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }
}
