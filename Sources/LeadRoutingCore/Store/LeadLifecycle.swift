#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Routes leads through a ``LeadStore``: ranks candidates with the ``Router``, commits through the store (which
/// reserves capacity and may fall down the ranking), and runs the lifecycle (accept, decline → re-route, close,
/// expire after the SLA → re-route, pause and resume an agent). The orchestration lives here, once: the CLI and
/// the HTTP service both call these methods and never the store's writes directly.
///
/// It owns the only load view, ``loads``: refreshed from the store (the authority), updated after each commit,
/// close, decline, expiry and pause, and read without waiting by previews and agent listings. Every timestamp it
/// records comes from the injected ``WallClock``.
public actor LeadLifecycle {
    /// Settings, each with a documented default.
    public struct Configuration: Sendable {
        /// How many ranked candidates a commit may fall back through. Default 16.
        public var rankingDepth: Int
        /// How long an offer may stay unaccepted before ``expireOverdueOffers(limit:)`` re-routes it. Default 1 h.
        public var offerSLAMillis: Int64
        /// Largest lead payload accepted, in bytes. Default 16 KiB.
        public var maximumPayloadBytes: Int

        public init(rankingDepth: Int = 16, offerSLAMillis: Int64 = 3_600_000, maximumPayloadBytes: Int = 16_384) {
            self.rankingDepth = rankingDepth
            self.offerSLAMillis = offerSLAMillis
            self.maximumPayloadBytes = maximumPayloadBytes
        }
    }

    public nonisolated let router: Router
    public nonisolated let store: any LeadStore
    public nonisolated let configuration: Configuration
    /// Open leads and availability per agent: the view routing and previews read. Only this lifecycle writes it.
    public nonisolated let loads: AgentLoadView
    private let rankingRouter: Router
    /// The clock of every timestamp this lifecycle records.
    let clock: any WallClock
    private var workspace: RoutingWorkspace

    public init(
        router: Router,
        store: any LeadStore,
        clock: any WallClock = SystemWallClock(),
        configuration: Configuration = .init()
    ) {
        self.router = router
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.rankingRouter = router.ranking(depth: configuration.rankingDepth)
        self.loads = AgentLoadView(projection: router.projection)
        self.workspace = router.makeWorkspace()
    }

    /// Seeds the store's agent rows from the projection (capacity and baseline open leads) and loads the store's
    /// counts. Call once before routing.
    public func start() async throws {
        let projection = self.router.projection
        var agents: [AgentCapacity] = []
        agents.reserveCapacity(projection.agentCount)
        for index in 0..<projection.agentCount {
            agents.append(
                AgentCapacity(
                    agentId: projection.agentIds[index],
                    capacity: Int(projection.agentCapacity[index]),
                    baselineOpen: Int(projection.agentOpenLeads[index])
                )
            )
        }
        try await self.store.upsertAgents(agents)
        try await self.refreshLoad()
    }

    /// Replaces the load view with the store's counts and pause flags.
    public func refreshLoad() async throws {
        let records = try await self.store.agentLoads()
        var table = AgentLoadTable(projection: self.router.projection)
        for record in records {
            guard let index = self.router.projection.agent(record.agentId) else { continue }
            table.setOpenLeads(record.open, for: index)
            table.setAvailable(!record.paused, for: index)
        }
        self.loads.update { $0 = table }
    }

    /// Routes and commits one lead. `payload` is the lead as received (JSON); its canonical form is used when nil.
    /// A retry with the same id and payload returns the first decision unchanged.
    public func route(_ lead: Lead, payload: String? = nil) async throws -> CommitOutcome {
        try await self.route(lead, payload: payload, excluding: [])
    }

    func route(_ lead: Lead, payload: String?, excluding: Set<String>) async throws -> CommitOutcome {
        do {
            try lead.validate()
        } catch {
            throw LeadStoreError(.invalidPayload, "lead \(lead.id): \(error)")
        }
        let canonical = lead.canonicalJSON()
        let received = payload ?? canonical
        guard received.utf8.count <= self.configuration.maximumPayloadBytes else {
            throw LeadStoreError(
                .invalidPayload,
                "lead \(lead.id): payload of \(received.utf8.count) bytes exceeds \(self.configuration.maximumPayloadBytes)"
            )
        }
        let (decision, ranking) = self.rank(lead, excluding: excluding)
        let outcome = try await self.store.commit(
            DecisionCommit(
                leadId: lead.id,
                payload: received,
                canonicalPayload: canonical,
                decision: decision,
                ranking: ranking,
                atMillis: self.clock.nowMillis()
            )
        )
        try await self.account(outcome, proposed: decision)
        return outcome
    }

    /// The agent accepts the offer. Idempotent.
    public func accept(leadId: String, agentId: String) async throws -> AssignmentRecord {
        try await self.store.transition(
            AssignmentTransition(leadId: leadId, agentId: agentId, to: .accepted, atMillis: self.clock.nowMillis())
        )
    }

    /// The agent closes the lead (won or lost): frees capacity, counts the conversion. Idempotent.
    public func close(leadId: String, agentId: String, won: Bool) async throws -> AssignmentRecord {
        let record = try await self.store.transition(
            AssignmentTransition(
                leadId: leadId,
                agentId: agentId,
                to: won ? .closedWon : .closedLost,
                atMillis: self.clock.nowMillis()
            )
        )
        if let index = self.router.projection.agent(agentId) { self.loads.update { $0.release(index) } }
        return record
    }

    /// Pauses (`available` false: no new offers) or resumes an agent of the graph. Idempotent.
    public func setAvailability(agentId: String, available: Bool) async throws {
        guard let index = self.router.projection.agent(agentId) else {
            throw LeadStoreError(.notFound, "no agent \(agentId) in the graph")
        }
        try await self.store.setAgentPaused(agentId, paused: !available, atMillis: self.clock.nowMillis())
        self.loads.update { $0.setAvailable(available, for: index) }
    }

    /// The agent declines the offer: the lead is re-routed excluding every agent who declined it or let it expire.
    /// `reason`, when given, is kept in the lead's history. Idempotent: declining again (the same agent) returns the
    /// current decision; an agent who holds no offer of the lead cannot decline it (``LeadStoreError/Kind/invalidTransition``).
    /// - Throws: ``InputError`` for a reason longer than ``maximumReasonBytes`` or with control characters.
    public func decline(leadId: String, agentId: String, reason: String? = nil) async throws -> CommitOutcome {
        if let reason {
            if reason.utf8.count > Self.maximumReasonBytes {
                throw InputError(field: "reason", reason: "longer than \(Self.maximumReasonBytes) bytes", subject: "decline request")
            }
            if StrictJSON.containsControlCharacters(reason) {
                throw InputError(field: "reason", reason: "must not contain control characters", subject: "decline request")
            }
        }
        return try await self.endOffer(leadId: leadId, agentId: agentId, as: .declined, reason: reason)
    }

    /// Longest decline reason kept in the history, in bytes.
    public static let maximumReasonBytes = 500

    /// Expires offers older than the SLA and re-routes their leads. Returns one outcome per expired offer.
    public func expireOverdueOffers(limit: Int = 1000) async throws -> [CommitOutcome] {
        let cutoff = self.clock.nowMillis() - self.configuration.offerSLAMillis
        let overdue = try await self.store.overdueOffers(decidedBeforeMillis: cutoff, limit: limit)
        var outcomes: [CommitOutcome] = []
        for offer in overdue {
            outcomes.append(try await self.endOffer(leadId: offer.leadId, agentId: offer.agentId, as: .expired))
        }
        return outcomes
    }

    /// Routes again, now, the unroutable leads waiting in the retry queue (capacity may have freed up), most urgent
    /// first; a lead that still finds no agent keeps its place and its attempt count. Returns their outcomes.
    public func retryUnroutable(limit: Int = 1000) async throws -> [CommitOutcome] {
        try await self.retryQueuedLeads(limit: limit, ignoringSchedule: true).outcomes
    }

    private func endOffer(leadId: String, agentId: String, as endState: AssignmentState, reason: String? = nil) async throws -> CommitOutcome {
        guard let record = try await self.store.lead(leadId) else { throw LeadStoreError.notFound(leadId: leadId) }
        let lead = try Self.decodeStoredLead(record)
        var excluded = record.endedAgents
        excluded.insert(agentId)
        if let index = self.router.projection.agent(agentId), record.activeAssignment?.agentId == agentId {
            // The offer's slot is freed in the same transaction; the router should not see it as taken by this lead.
            self.loads.update { $0.release(index) }
        }
        let (decision, ranking) = self.rank(lead, excluding: excluded)
        let outcome = try await self.store.reroute(
            RerouteCommit(
                leadId: leadId,
                agentId: agentId,
                endState: endState,
                decision: decision,
                ranking: ranking,
                atMillis: self.clock.nowMillis(),
                reason: reason
            )
        )
        if outcome.disposition == .replayed {
            // Another call ended this offer first: the slot released above was not this call's to release.
            try await self.refreshLoad()
        }
        try await self.account(outcome, proposed: decision)
        return outcome
    }

    /// Ranks with the deeper router; returns the decision trimmed to the policy's `explainTopK` and the ranking.
    private func rank(_ lead: Lead, excluding: Set<String>) -> (RoutingDecision, [CandidateExplanation]) {
        var decision = self.rankingRouter.route(lead, load: self.loads.snapshot, excluding: excluding, workspace: &self.workspace)
        let ranking = decision.status == .routed ? decision.candidates : []
        decision.policy = self.router.policy.version
        if decision.candidates.count > self.router.policy.explainTopK {
            decision.candidates = Array(decision.candidates.prefix(self.router.policy.explainTopK))
        }
        return (decision, ranking)
    }

    /// Keeps the load view in step: counts the new assignment; refreshes from the store after a fallback.
    private func account(_ outcome: CommitOutcome, proposed: RoutingDecision) async throws {
        guard outcome.disposition != .replayed else { return }
        if outcome.decision.agentId != proposed.agentId {
            try await self.refreshLoad()
        } else if let agentId = outcome.assignment?.agentId, let index = self.router.projection.agent(agentId) {
            self.loads.update { $0.assign(index) }
        }
    }

    static func decodeStoredLead(_ record: LeadRecord) throws -> Lead {
        do {
            return try Lead.decodeKept(json: Array(record.payload.utf8))
        } catch {
            throw LeadStoreError(.corrupt, "lead \(record.leadId): stored payload does not decode: \(error)")
        }
    }
}
