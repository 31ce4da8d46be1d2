/// An unroutable lead's place in the retry queue the store keeps: how urgent it is, how often it was tried, when it
/// may be tried next, and whether it gave up (dead-lettered: the lead needs a person).
public struct RetryQueueEntry: Sendable, Hashable {
    public var leadId: String
    /// The lead's urgency (0–3): more urgent leads are retried first.
    public var urgency: Int
    /// When the lead arrived (Unix epoch milliseconds): among equally urgent leads, the oldest goes first.
    public var receivedAtMillis: Int64
    /// Attempts the retry queue made so far.
    public var attempts: Int
    public var nextAttemptAtMillis: Int64
    /// Why the last attempt found no agent.
    public var lastReason: String
    /// The lead gave up after ``RetryQueuePolicy/maximumAttempts`` and waits for a person (`needs_attention`).
    public var deadLettered: Bool

    public init(
        leadId: String,
        urgency: Int,
        receivedAtMillis: Int64,
        attempts: Int = 0,
        nextAttemptAtMillis: Int64,
        lastReason: String = "",
        deadLettered: Bool = false
    ) {
        self.leadId = leadId
        self.urgency = urgency
        self.receivedAtMillis = receivedAtMillis
        self.attempts = attempts
        self.nextAttemptAtMillis = nextAttemptAtMillis
        self.lastReason = lastReason
        self.deadLettered = deadLettered
    }
}

/// How many unroutable leads wait, for how long, and how many gave up.
public struct RetryQueueStats: Sendable, Hashable {
    /// Unroutable leads still being retried.
    public var depth: Int
    /// When the oldest of them arrived (Unix epoch milliseconds); nil when none waits.
    public var oldestReceivedAtMillis: Int64?
    /// Leads that gave up (`needs_attention`).
    public var deadLettered: Int

    public init(depth: Int, oldestReceivedAtMillis: Int64?, deadLettered: Int) {
        self.depth = depth
        self.oldestReceivedAtMillis = oldestReceivedAtMillis
        self.deadLettered = deadLettered
    }
}
