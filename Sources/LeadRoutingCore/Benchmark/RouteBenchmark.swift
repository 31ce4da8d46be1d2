/// Measures routing throughput and per-decision latency on one thread (the `bench route` figures).
/// The clock is injected so tests can drive it; the CLI passes `ContinuousClock`.
public struct RouteBenchmark<C: Clock> where C.Duration == Duration {
    public let clock: C

    public init(clock: C) {
        self.clock = clock
    }

    /// Routes `leads` in batch mode (capacity counted) after `warmup` untimed decisions on a separate load table.
    public func run(router: Router, leads: [Lead], warmup: Int = 1000, progress: (Int) -> Void = { _ in }) -> RouteBenchmarkReport {
        var warm = BatchRouter(router: router)
        for lead in leads.prefix(warmup) { _ = warm.route(lead) }

        var batch = BatchRouter(router: router)
        var latencies = [Int64]()
        latencies.reserveCapacity(leads.count)
        var routed = 0
        let start = self.clock.now
        for (index, lead) in leads.enumerated() {
            let before = self.clock.now
            let decision = batch.route(lead)
            let elapsed = before.duration(to: self.clock.now)
            latencies.append(elapsed.nanoseconds)
            if decision.status == .routed { routed += 1 }
            if index & 0x3FFF == 0 { progress(index) }
        }
        let total = start.duration(to: self.clock.now)
        progress(leads.count)
        return RouteBenchmarkReport(decisions: leads.count, routed: routed, total: total, latencies: latencies)
    }
}

/// Figures of one benchmark run.
public struct RouteBenchmarkReport: Sendable, Codable, Equatable {
    public var decisions: Int
    public var routed: Int
    public var seconds: Double
    public var decisionsPerSecond: Double
    public var p50Microseconds: Double
    public var p99Microseconds: Double
    public var maxMicroseconds: Double

    public init(decisions: Int, routed: Int, total: Duration, latencies: [Int64]) {
        self.decisions = decisions
        self.routed = routed
        self.seconds = total.seconds
        self.decisionsPerSecond = self.seconds > 0 ? Double(decisions) / self.seconds : 0
        let sorted = latencies.sorted()
        self.p50Microseconds = Self.percentile(sorted, 0.50)
        self.p99Microseconds = Self.percentile(sorted, 0.99)
        self.maxMicroseconds = Double(sorted.last ?? 0) / 1000
    }

    /// Nearest-rank percentile in microseconds.
    static func percentile(_ sorted: [Int64], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return Double(sorted[max(0, min(sorted.count - 1, rank - 1))]) / 1000
    }
}

extension Duration {
    /// The duration in nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }

    /// The duration in seconds.
    public var seconds: Double {
        let (seconds, attoseconds) = self.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
