import LeadRoutingCore
import LeadRoutingNATS

/// Publishes each outbox event to NATS JetStream as a ``LeadEvent`` on `leadrouter.events.<type>`, with
/// `Nats-Msg-Id` = the outbox event id, and returns once JetStream acknowledged it (stored, or a duplicate of a
/// copy stored before a crash). A relay's batch goes out pipelined, in order on the one connection.
struct JetStreamEventSink: OutboxEventSink {
    let consumer = "nats-jetstream"
    let publisher: JetStreamPublisher
    /// Subject prefix; the event type follows. Default `leadrouter.events`.
    let subjectPrefix: String

    init(publisher: JetStreamPublisher, subjectPrefix: String = "leadrouter.events") {
        self.publisher = publisher
        self.subjectPrefix = subjectPrefix
    }

    func deliver(_ event: OutboxEvent) async throws {
        let message = self.message(for: event)
        _ = try await self.publisher.publish(subject: message.subject, messageID: message.messageID, payload: message.payload)
    }

    /// Publishes the whole batch pipelined (every message written, then the PubAcks awaited in order): one round trip
    /// per batch instead of one per event.
    func deliver(batch events: [OutboxEvent]) async -> (delivered: Int, error: (any Error)?) {
        let published = await self.publisher.publish(events.map(self.message(for:)))
        return (published.acks.count, published.error)
    }

    /// The event as published: `leadrouter.events.<type>`, `Nats-Msg-Id` = the outbox id, the ``LeadEvent`` bytes.
    private func message(for event: OutboxEvent) -> JetStreamMessage {
        let message = LeadEvent(event)
        return JetStreamMessage(
            subject: LeadEvent.subject(forType: message.type, prefix: self.subjectPrefix),
            messageID: message.id,
            payload: message.jsonBytes()
        )
    }

    func shutdown() async {
        await self.publisher.close()
    }
}
