import Synchronization

/// Per-client token buckets: each client may burst `burst` requests, refilled at `rate` per second.
/// Idle buckets are dropped when the table grows past ``maximumClients``.
final class RateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    let maximumClients = 100_000
    private let buckets = Mutex<[String: Bucket]>([:])
    private let clock = ContinuousClock()

    init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(burst)
    }

    /// Takes one token for `client`. Returns nil when allowed, else the seconds until a token is available.
    func acquire(_ client: String) -> Int? {
        let now = self.clock.now
        return self.buckets.withLock { buckets in
            var bucket = buckets[client] ?? Bucket(tokens: self.burst, updated: now)
            let elapsed = bucket.updated.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            bucket.tokens = min(self.burst, bucket.tokens + seconds * self.rate)
            bucket.updated = now
            if buckets.count >= self.maximumClients && buckets[client] == nil {
                // Forget clients whose buckets have refilled completely: they are indistinguishable from new ones.
                let full = self.burst / self.rate
                buckets = buckets.filter { entry in
                    let idle = entry.value.updated.duration(to: now)
                    return Double(idle.components.seconds) < full
                }
            }
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                buckets[client] = bucket
                return nil
            }
            buckets[client] = bucket
            return max(1, Int(((1 - bucket.tokens) / self.rate).rounded(.up)))
        }
    }
}
