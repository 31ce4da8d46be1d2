#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A mean over replications with its 95% confidence interval (Student's t; zero width for one replication).
public struct Estimate: Sendable, Hashable, Codable {
    public var mean: Double
    public var low: Double
    public var high: Double

    public init(mean: Double, low: Double, high: Double) {
        self.mean = mean
        self.low = low
        self.high = high
    }

    /// The estimate from one value per replication.
    public init(_ values: [Double]) {
        guard !values.isEmpty else {
            self.init(mean: 0, low: 0, high: 0)
            return
        }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else {
            self.init(mean: mean, low: mean, high: mean)
            return
        }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let half = Self.studentT975(degreesOfFreedom: values.count - 1) * sqrt(variance / n)
        self.init(mean: mean, low: mean - half, high: mean + half)
    }

    /// Half the interval's width.
    public var halfWidth: Double { (self.high - self.low) / 2 }

    /// The 97.5% quantile of Student's t (two-sided 95%).
    static func studentT975(degreesOfFreedom df: Int) -> Double {
        let table: [Double] = [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
            2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ]
        if df >= 1 && df <= table.count { return table[df - 1] }
        return df <= 60 ? 2.000 : (df <= 120 ? 1.980 : 1.960)
    }
}
