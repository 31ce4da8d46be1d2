#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A lead as people and programs see it — `GET /api/v1/leads/{id}`, the lifecycle routes' answers, and
/// `leadrouter lead show|accept|decline|close --json` alike: status, current agent, the decision, the assignments and
/// the history, every instant an ISO-8601 timestamp (``ISO8601Timestamp``). Absent values are explicit nulls.
public struct LeadView: Encodable, Sendable {
    /// One entry of the lead's history (an audit row).
    public struct Event: Encodable, Sendable {
        /// `received`, `routed`, `unroutable`, `fallback`, `retried`, `accepted`, `declined`, `expired`,
        /// `closed_won`, `closed_lost`, `rerouted`.
        public var action: String
        public var agentId: String?
        public var fromState: String?
        public var toState: String?
        public var at: String
        /// Why, in words (a decline's reason as given).
        public var detail: String

        enum CodingKeys: String, CodingKey { case action, agentId, fromState, toState, at, detail }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.action, forKey: .action)
            try c.encode(self.agentId, forKey: .agentId)
            try c.encode(self.fromState, forKey: .fromState)
            try c.encode(self.toState, forKey: .toState)
            try c.encode(self.at, forKey: .at)
            try c.encode(self.detail, forKey: .detail)
        }
    }

    public var leadId: String
    public var status: String
    public var agentId: String?
    public var assignmentState: String?
    public var decision: RoutingDecision
    public var assignments: [AssignmentView]
    public var history: [Event]
    /// Times the retry queue tried to route the lead.
    public var routeAttempts: Int

    public init(_ record: LeadRecord) {
        let active = record.activeAssignment
        self.leadId = record.leadId
        self.status = record.needsAttention ? LeadListQuery.Status.needsAttention.rawValue : record.status.rawValue
        self.routeAttempts = record.routeAttempts
        self.agentId = active?.agentId
        self.assignmentState = active?.state.rawValue
        self.decision = record.decision
        self.assignments = record.assignments.map(AssignmentView.init)
        self.history = record.audit.map {
            Event(
                action: $0.action,
                agentId: $0.agentId,
                fromState: $0.fromState,
                toState: $0.toState,
                at: ISO8601Timestamp.string(millis: $0.atMillis),
                detail: $0.detail
            )
        }
    }

    enum CodingKeys: String, CodingKey { case leadId, status, agentId, assignmentState, decision, assignments, history, routeAttempts }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.leadId, forKey: .leadId)
        try c.encode(self.status, forKey: .status)
        try c.encode(self.agentId, forKey: .agentId)
        try c.encode(self.assignmentState, forKey: .assignmentState)
        try c.encode(self.decision, forKey: .decision)
        try c.encode(self.assignments, forKey: .assignments)
        try c.encode(self.history, forKey: .history)
        try c.encode(self.routeAttempts, forKey: .routeAttempts)
    }
}

/// One assignment of a lead to an agent as shown to people and programs (in ``LeadView`` and by
/// `leadrouter assignments --json`): the winning path as a JSON array, instants as ISO-8601 timestamps.
public struct AssignmentView: Encodable, Sendable {
    public var leadId: String
    public var agentId: String
    public var state: String
    public var score: Double
    public var path: [PathStep]
    public var policy: String
    public var graphVersion: String
    public var decidedAt: String
    public var updatedAt: String

    public init(_ record: AssignmentRecord) {
        self.leadId = record.leadId
        self.agentId = record.agentId
        self.state = record.state.rawValue
        self.score = record.score
        // The store keeps the path as the JSON text of a PathStep array.
        self.path = (try? JSONDecoder().decode([PathStep].self, from: Data(record.path.utf8))) ?? []
        self.policy = record.policy
        self.graphVersion = record.graphVersion
        self.decidedAt = ISO8601Timestamp.string(millis: record.decidedAtMillis)
        self.updatedAt = ISO8601Timestamp.string(millis: record.updatedAtMillis)
    }
}
