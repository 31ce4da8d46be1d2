/// An agent's capacity row as seeded from the graph projection. The store owns the open count; seeding only
/// sets capacity and the baseline (open leads that exist outside this store, `open_leads` of the dataset).
public struct AgentCapacity: Sendable, Hashable {
    public var agentId: String
    public var capacity: Int
    public var baselineOpen: Int

    public init(agentId: String, capacity: Int, baselineOpen: Int = 0) {
        self.agentId = agentId
        self.capacity = capacity
        self.baselineOpen = baselineOpen
    }
}

/// An agent's load as the store records it: the authority on capacity.
public struct AgentLoadRecord: Sendable, Hashable, Codable {
    public var agentId: String
    public var capacity: Int
    /// Baseline plus active (offered or accepted) assignments.
    public var open: Int
    public var baselineOpen: Int
    public var paused: Bool
    /// Assignments ever reserved on this agent, and how they closed (the conversion counts).
    public var assigned: Int
    public var closedWon: Int
    public var closedLost: Int
    /// Offers the agent accepted, and the sum of their offer→accept latencies in milliseconds (the response times
    /// the router learns from).
    public var acceptedOffers: Int
    public var acceptLatencyMillis: Int64

    public init(
        agentId: String,
        capacity: Int,
        open: Int,
        baselineOpen: Int = 0,
        paused: Bool = false,
        assigned: Int = 0,
        closedWon: Int = 0,
        closedLost: Int = 0,
        acceptedOffers: Int = 0,
        acceptLatencyMillis: Int64 = 0
    ) {
        self.agentId = agentId
        self.capacity = capacity
        self.open = open
        self.baselineOpen = baselineOpen
        self.paused = paused
        self.assigned = assigned
        self.closedWon = closedWon
        self.closedLost = closedLost
        self.acceptedOffers = acceptedOffers
        self.acceptLatencyMillis = acceptLatencyMillis
    }
}

/// The closes of leads one agent referred to another, as the store records them (`referral_outcomes`): every close
/// of a lead whose source agent is `sourceAgentId`, by the assignment's agent `agentId` (never the source itself).
/// The router learns from the pairs that are direct referral edges of its graph; a lead that reached its agent along
/// a two-edge chain is credited to the direct pair only (the store does not know the chain).
public struct ReferralOutcomeRecord: Sendable, Hashable, Codable {
    public var sourceAgentId: String
    public var agentId: String
    public var won: Int
    public var lost: Int

    public init(sourceAgentId: String, agentId: String, won: Int = 0, lost: Int = 0) {
        self.sourceAgentId = sourceAgentId
        self.agentId = agentId
        self.won = won
        self.lost = lost
    }
}

/// One assignment of a lead to an agent.
public struct AssignmentRecord: Sendable, Hashable, Codable {
    public var id: Int64
    public var leadId: String
    public var agentId: String
    public var score: Double
    /// The winning path as JSON (``PathStep`` array).
    public var path: String
    public var policy: String
    public var graphVersion: String
    public var state: AssignmentState
    public var decidedAtMillis: Int64
    public var updatedAtMillis: Int64

    public init(
        id: Int64,
        leadId: String,
        agentId: String,
        score: Double,
        path: String,
        policy: String,
        graphVersion: String,
        state: AssignmentState,
        decidedAtMillis: Int64,
        updatedAtMillis: Int64
    ) {
        self.id = id
        self.leadId = leadId
        self.agentId = agentId
        self.score = score
        self.path = path
        self.policy = policy
        self.graphVersion = graphVersion
        self.state = state
        self.decidedAtMillis = decidedAtMillis
        self.updatedAtMillis = updatedAtMillis
    }
}

/// One row of the append-only audit log: a state change of a lead or one of its assignments.
public struct AuditEntry: Sendable, Hashable, Codable {
    public var id: Int64
    public var leadId: String
    public var assignmentId: Int64?
    public var agentId: String?
    /// `received`, `routed`, `unroutable`, `fallback`, `retried`, `accepted`, `declined`, `expired`, `closed_won`,
    /// `closed_lost`, `rerouted`.
    public var action: String
    public var fromState: String?
    public var toState: String?
    public var atMillis: Int64
    public var detail: String

    public init(
        id: Int64,
        leadId: String,
        assignmentId: Int64? = nil,
        agentId: String? = nil,
        action: String,
        fromState: String? = nil,
        toState: String? = nil,
        atMillis: Int64,
        detail: String = ""
    ) {
        self.id = id
        self.leadId = leadId
        self.assignmentId = assignmentId
        self.agentId = agentId
        self.action = action
        self.fromState = fromState
        self.toState = toState
        self.atMillis = atMillis
        self.detail = detail
    }
}

/// A lead as the store keeps it: the payload as received, its current decision and its whole history.
public struct LeadRecord: Sendable, Hashable, Codable {
    public var leadId: String
    /// The lead as received (JSON).
    public var payload: String
    public var status: LeadStatus
    /// The current decision (after fallbacks and re-routes).
    public var decision: RoutingDecision
    public var receivedAtMillis: Int64
    public var updatedAtMillis: Int64
    /// Every assignment of the lead, oldest first.
    public var assignments: [AssignmentRecord]
    /// Every audit row of the lead, oldest first.
    public var audit: [AuditEntry]
    /// Times the retry queue tried to route the lead.
    public var routeAttempts: Int = 0
    /// The retry queue gave up: the lead waits for a person (re-queue by hand).
    public var needsAttention: Bool = false

    public init(
        leadId: String,
        payload: String,
        status: LeadStatus,
        decision: RoutingDecision,
        receivedAtMillis: Int64,
        updatedAtMillis: Int64,
        assignments: [AssignmentRecord] = [],
        audit: [AuditEntry] = []
    ) {
        self.leadId = leadId
        self.payload = payload
        self.status = status
        self.decision = decision
        self.receivedAtMillis = receivedAtMillis
        self.updatedAtMillis = updatedAtMillis
        self.assignments = assignments
        self.audit = audit
    }

    /// The offered or accepted assignment, if any.
    public var activeAssignment: AssignmentRecord? { self.assignments.last { $0.state.isActive } }

    /// Agents whose offer for this lead ended by decline or expiry: excluded when it is re-routed.
    public var endedAgents: Set<String> {
        Set(self.assignments.filter { $0.state == .declined || $0.state == .expired }.map(\.agentId))
    }
}

/// Where a lead stands as a whole.
public enum LeadStatus: String, Sendable, Hashable, Codable {
    /// It has an active (offered or accepted) assignment.
    case routed
    /// No agent could take it; kept for retry.
    case unroutable
    /// Its assignment closed (won or lost).
    case closed
}

/// The outcome of applying migrations.
public struct MigrationReport: Sendable, Hashable, Codable {
    /// Schema version before and after.
    public var fromVersion: Int
    public var toVersion: Int
    /// Versions applied by this call (empty when already current).
    public var applied: [Int]

    public init(fromVersion: Int, toVersion: Int, applied: [Int]) {
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.applied = applied
    }
}
