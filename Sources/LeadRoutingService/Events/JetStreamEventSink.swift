import LeadRoutingCore
import LeadRoutingNATS

/// Publishes each outbox event to NATS JetStream as a ``LeadEvent`` on `leadrouter.events.<type>`, with
/// `Nats-Msg-Id` = the outbox event id, and returns once JetStream acknowledged it (stored, or a duplicate of a
/// copy stored before a crash).
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
        let message = LeadEvent(event)
        _ = try await self.publisher.publish(
            subject: LeadEvent.subject(forType: message.type, prefix: self.subjectPrefix),
            messageID: message.id,
            payload: message.jsonBytes()
        )
    }

    func shutdown() async {
        await self.publisher.close()
    }
}
