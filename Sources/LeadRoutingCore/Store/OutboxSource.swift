/// Where outbox consumers read events from: implemented by each lead store, one cursor per named consumer,
/// so a consumer that was down (Neo4j unreachable) resumes where it stopped and routing never waits for it.
public protocol OutboxSource: Sendable {
    /// Events after the consumer's last acknowledged id, oldest first, at most `limit`.
    func pendingOutboxEvents(consumer: String, limit: Int) async throws -> [OutboxEvent]
    /// Records that the consumer has durably handled every event up to and including `id`.
    func acknowledgeOutboxEvents(consumer: String, through id: Int64) async throws
}
