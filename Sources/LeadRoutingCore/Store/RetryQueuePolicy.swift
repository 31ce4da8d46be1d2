/// When the retry queue tries an unroutable lead again and when it gives up. Attempts are spaced by a backoff
/// without jitter (so the schedule is reproducible): `initialDelay` doubling up to `maximumDelay`.
public struct RetryQueuePolicy: Sendable, Hashable {
    /// Attempts before the lead is dead-lettered as `needs_attention`. Default 10.
    public var maximumAttempts: Int
    /// Spacing of the attempts. Default 30 s doubling to 30 min.
    public var backoff: RetryBackoff

    public init(
        maximumAttempts: Int = 10,
        backoff: RetryBackoff = RetryBackoff(initial: .seconds(30), multiplier: 2, maximum: .seconds(1800), jitter: 0)
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.backoff = backoff
    }

    /// When attempt number `attempts + 1` may run, after `attempts` failed ones ending at `nowMillis`.
    public func nextAttemptAt(afterFailedAttempts attempts: Int, nowMillis: Int64) -> Int64 {
        let delay = self.backoff.nominalDelay(attempt: max(1, attempts))
        return nowMillis + delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
    }
}
