#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A Beta(α, β) belief about a conversion rate: the conjugate posterior of Binomial outcomes. Seeded from history
/// with a pseudo-count prior and updated by each close: a win adds 1 to α, a loss 1 to β.
public struct BetaPosterior: Sendable, Hashable, Codable {
    public var alpha: Double
    public var beta: Double

    public init(alpha: Double, beta: Double) {
        self.alpha = max(Self.minimumShape, alpha)
        self.beta = max(Self.minimumShape, beta)
    }

    /// Shapes are kept at least this large, so a history with more closed than assigned stays a proper Beta.
    static let minimumShape = 1e-3

    /// The history's posterior: `closed` wins out of `assigned` on top of `strength` pseudo-observations at the
    /// network rate `prior`. Its mean is `(closed + strength·prior) / (assigned + strength)`, the shrunk rate.
    public static func seeded(closed: Double, assigned: Double, prior: Double, strength: Double) -> BetaPosterior {
        BetaPosterior(alpha: closed + strength * prior, beta: assigned - closed + strength * (1 - prior))
    }

    /// The posterior after `won` more wins and `lost` more losses.
    public func updated(won: Int, lost: Int) -> BetaPosterior {
        BetaPosterior(alpha: self.alpha + Double(won), beta: self.beta + Double(lost))
    }

    public var mean: Double { self.alpha / (self.alpha + self.beta) }

    /// The central 95% credible interval.
    public var interval95: (low: Double, high: Double) { (self.quantile(0.025), self.quantile(0.975)) }

    /// The `p` quantile (bisection on the regularised incomplete beta function; 1e-10 accurate).
    public func quantile(_ p: Double) -> Double {
        var low = 0.0
        var high = 1.0
        for _ in 0..<60 {
            let middle = (low + high) / 2
            if Self.regularizedIncompleteBeta(middle, self.alpha, self.beta) < p { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// One draw from the posterior (Thompson sampling): X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β).
    public func draw(using random: inout SeededRandom) -> Double {
        let x = Self.gamma(self.alpha, using: &random)
        let y = Self.gamma(self.beta, using: &random)
        return x + y > 0 ? x / (x + y) : self.mean
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 boosted by U^(1/shape).
    static func gamma(_ shape: Double, using random: inout SeededRandom) -> Double {
        if shape < 1 {
            return Self.gamma(shape + 1, using: &random) * pow(random.uniformPositive(), 1 / shape)
        }
        let d = shape - 1.0 / 3
        let c = 1 / (9 * d).squareRoot()
        while true {
            let z = random.normal()
            let v = pow(1 + c * z, 3)
            guard v > 0 else { continue }
            let u = random.uniformPositive()
            if log(u) < 0.5 * z * z + d - d * v + d * log(v) { return d * v }
        }
    }

    /// I_x(a, b) by the continued fraction of Numerical Recipes (`betacf`), using the symmetry for x > (a+1)/(a+b+2).
    static func regularizedIncompleteBeta(_ x: Double, _ a: Double, _ b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(1 - x))
        if x < (a + 1) / (a + b + 2) { return front * Self.continuedFraction(x, a, b) / a }
        return 1 - front * Self.continuedFraction(1 - x, b, a) / b
    }

    private static func continuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            let even = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            let odd = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 3e-14 { break }
        }
        return h
    }
}
