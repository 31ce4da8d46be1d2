import Foundation
import LeadRoutingCore

extension SQLLeadStore {
    static var assignmentColumns: String {
        "assignment_id, lead_id, agent_id, score, path, policy, graph_version, state, decided_at_ms, updated_at_ms"
    }

    static func assignment(_ row: SQLRow) throws -> AssignmentRecord {
        let stateText = try row.text(7)
        guard let state = AssignmentState(rawValue: stateText) else {
            throw LeadStoreError(.corrupt, "assignment \(try row.int(0)): unknown state \(stateText)")
        }
        return AssignmentRecord(
            id: try row.int(0),
            leadId: try row.text(1),
            agentId: try row.text(2),
            score: try row.double(3),
            path: try row.text(4),
            policy: try row.text(5),
            graphVersion: try row.text(6),
            state: state,
            decidedAtMillis: try row.int(8),
            updatedAtMillis: try row.int(9)
        )
    }

    static var auditColumns: String {
        "audit_id, lead_id, assignment_id, agent_id, action, from_state, to_state, at_ms, detail"
    }

    static func auditEntry(_ row: SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.int(0),
            leadId: try row.text(1),
            assignmentId: try row.optionalInt(2),
            agentId: try row.optionalText(3),
            action: try row.text(4),
            fromState: try row.optionalText(5),
            toState: try row.optionalText(6),
            atMillis: try row.int(7),
            detail: try row.text(8)
        )
    }

    static func outboxEvent(_ row: SQLRow) throws -> OutboxEvent {
        OutboxEvent(
            id: try row.int(0),
            kind: try row.text(1),
            leadId: try row.text(2),
            agentId: try row.optionalText(3),
            score: try row.optionalDouble(4),
            occurredAtMillis: try row.int(5),
            payload: try row.text(6)
        )
    }

    /// The value as the one stable JSON encoding (a decision through its hand-written writer).
    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try StableJSON.bytes(value), as: UTF8.self)
    }

    static func decision(_ text: String, leadId: String) throws -> RoutingDecision {
        do {
            return try JSONDecoder().decode(RoutingDecision.self, from: Data(text.utf8))
        } catch {
            throw LeadStoreError(.corrupt, "lead \(leadId): stored decision does not decode")
        }
    }
}
