#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What LeadRouter publishes for each outbox event, to NATS JetStream and to webhooks: one JSON object, the same
/// shape everywhere, keys sorted:
/// `{"agentId":"A1","data":{…},"id":"42","leadId":"L1","occurredAt":"2026-…Z","score":0.71,"type":"lead.routed"}`.
/// `id` is the outbox event id (JetStream's `Nats-Msg-Id`); consumers deduplicate by it.
public struct LeadEvent: Sendable, Hashable {
    /// The outbox event id, as a decimal string.
    public var id: String
    /// The outbox kind: `lead.routed`, `lead.unroutable`, `lead.reassigned`, `lead.accepted`, `lead.declined`,
    /// `lead.expired`, `lead.closed`, ….
    public var type: String
    public var leadId: String
    /// The agent holding the lead after the event; absent when none.
    public var agentId: String?
    /// The decision's score, for routing events.
    public var score: Double?
    /// When the change was committed: ISO-8601, UTC, milliseconds.
    public var occurredAt: String
    /// The event's details as the store recorded them (a JSON object: assignment, state, policy, graph version,
    /// reason).
    public var dataJSON: String

    public init(_ event: OutboxEvent) {
        self.id = String(event.id)
        self.type = event.kind
        self.leadId = event.leadId
        self.agentId = event.agentId
        self.score = event.score
        self.occurredAt = ISO8601Timestamp.string(millis: event.occurredAtMillis)
        let payload = String(event.payload.drop(while: { $0.isWhitespace }))
        self.dataJSON = payload.hasPrefix("{") ? payload : "{}"
    }

    /// The NATS subject of an event type: the prefix, then the type with dots as underscores
    /// (`lead.routed` → `leadrouter.events.lead_routed`).
    public static func subject(forType type: String, prefix: String = "leadrouter.events") -> String {
        let token = String(type.map { $0 == "." || $0 == " " || $0 == "*" || $0 == ">" ? "_" : $0 })
        return "\(prefix).\(token)"
    }

    /// The event as compact JSON, keys sorted.
    public func jsonBytes() -> [UInt8] {
        var fields: [String] = []
        if let agentId = self.agentId { fields.append("\"agentId\":\(Self.quoted(agentId))") }
        fields.append("\"data\":\(self.dataJSON)")
        fields.append("\"id\":\(Self.quoted(self.id))")
        fields.append("\"leadId\":\(Self.quoted(self.leadId))")
        fields.append("\"occurredAt\":\(Self.quoted(self.occurredAt))")
        if let score = self.score, score.isFinite { fields.append("\"score\":\(score)") }
        fields.append("\"type\":\(Self.quoted(self.type))")
        return Array("{\(fields.joined(separator: ","))}".utf8)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
