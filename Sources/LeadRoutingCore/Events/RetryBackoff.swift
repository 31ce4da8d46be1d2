/// Exponential backoff with jitter for background retries (publishing events, calling webhooks): the n-th retry
/// of one thing waits `initial × multiplier^(n-1)`, capped at `maximum`, spread by ±`jitter` so that many
/// replicas retrying the same outage do not knock in step. Pure and seeded: the same seed gives the same delays.
public struct RetryBackoff: Sendable, Hashable {
    /// Delay before the first retry. Default 100 ms.
    public var initial: Duration
    /// Growth per retry. Default 2.
    public var multiplier: Double
    /// The longest delay. Default 10 s (keep it well under JetStream's duplicate window, 2 min by default).
    public var maximum: Duration
    /// Relative spread in [0, 1): 0.2 draws each delay uniformly from ±20 % around its nominal value. Default 0.2.
    public var jitter: Double

    public init(initial: Duration = .milliseconds(100), multiplier: Double = 2, maximum: Duration = .seconds(10), jitter: Double = 0.2) {
        self.initial = initial
        self.multiplier = max(1, multiplier)
        self.maximum = maximum
        self.jitter = min(max(0, jitter), 0.99)
    }

    /// The nominal delay before retry number `attempt` (1 = the first retry), without jitter.
    public func nominalDelay(attempt: Int) -> Duration {
        let initial = Self.seconds(self.initial)
        let maximum = Self.seconds(self.maximum)
        var delay = initial
        var step = 1
        while step < attempt && delay < maximum {
            delay *= self.multiplier
            step += 1
        }
        return .seconds(min(delay, maximum))
    }

    /// The delay before retry number `attempt`, with jitter drawn from `random`.
    public func delay(attempt: Int, random: inout some RandomNumberGenerator) -> Duration {
        let nominal = Self.seconds(self.nominalDelay(attempt: attempt))
        guard self.jitter > 0 else { return .seconds(nominal) }
        let factor = Double.random(in: (1 - self.jitter)...(1 + self.jitter), using: &random)
        return .seconds(nominal * factor)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
