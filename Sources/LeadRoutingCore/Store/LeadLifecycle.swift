import Synchronization

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
        /// Whether a new lead whose territory is not in the graph is recorded (as unroutable, retried later, for
        /// territories that arrive with a later graph) instead of rejected. Default false: rejected, nothing written.
        public var acceptUnknownTerritories: Bool
        /// Whether a decline, expiry or retry may re-route a lead on a graph version other than the one it was routed
        /// on. Default false (the CLI: `--allow-graph-change`); the service allows it, since its graph is the
        /// current one after a reload. A lead whose territory is not in the graph is never re-routed.
        public var allowGraphChange: Bool
        /// Pausing an agent withdraws their unaccepted offers (each ends as expired, "withdrawn: the agent was
        /// paused") and re-routes those leads without them. Default false (the CLI); the service turns it on
        /// (`--reroute-on-pause`).
        public var rerouteOnPause: Bool

        public init(
            rankingDepth: Int = 16,
            offerSLAMillis: Int64 = 3_600_000,
            maximumPayloadBytes: Int = 16_384,
            acceptUnknownTerritories: Bool = false,
            allowGraphChange: Bool = false,
            rerouteOnPause: Bool = false
        ) {
            self.rankingDepth = rankingDepth
            self.offerSLAMillis = offerSLAMillis
            self.maximumPayloadBytes = maximumPayloadBytes
            self.acceptUnknownTerritories = acceptUnknownTerritories
            self.allowGraphChange = allowGraphChange
            self.rerouteOnPause = rerouteOnPause
        }

        /// The intake rule: throws (field `territoryId`) for a lead whose territory is not in `graph`, unless unknown
        /// territories are accepted. Pure: batch callers check every lead before opening the store.
        public func checkIntake(_ lead: Lead, graph: GraphProjection) throws(LeadValidationError) {
            guard !self.acceptUnknownTerritories, graph.territory(lead.territoryId) == nil else { return }
            throw LeadValidationError.unknownTerritory(lead.territoryId, graphVersion: graph.version)
        }
    }

    /// The router and the load view sized to its projection: replaced together by ``replaceGraph(_:)``.
    private struct Current: Sendable {
        var router: Router
        var loads: AgentLoadView
    }

    private nonisolated let current: Mutex<Current>
    /// The router of the current graph.
    public nonisolated var router: Router { self.current.withLock { $0.router } }
    public nonisolated let store: any LeadStore
    public nonisolated let configuration: Configuration
    /// Open leads and availability per agent of the current graph: the view routing and previews read. Only this
    /// lifecycle (and its ``AgentLoadFeed``) writes it.
    public nonisolated var loads: AgentLoadView { self.current.withLock { $0.loads } }
    /// The router and its load view read at once, so their agent indices agree across a graph replacement.
    public nonisolated var graph: (router: Router, loads: AgentLoadView) { self.current.withLock { ($0.router, $0.loads) } }
    private var rankingRouter: Router
    /// Reorders the router's ranking before commit (a simulation's baselines and oracle); nil keeps the router's order.
    private let ordering: (any CandidateOrdering)?
    /// Picks another router for some leads (an A/B split of policies); nil: ``router`` ranks every lead.
    private let routerChoice: (any LeadRouterChoice)?
    /// The deeper copies of the chosen routers, by policy identity, made on first use.
    private var chosenRankingRouters: [String: Router] = [:]
    /// The clock of every timestamp this lifecycle records.
    let clock: any WallClock
    private var workspace: RoutingWorkspace
    /// Whether ``start()`` ran: re-routes start the lifecycle themselves, after their graph check, so a refused
    /// re-route does not even seed the store's agents.
    private var started = false

    public init(
        router: Router,
        store: any LeadStore,
        clock: any WallClock = SystemWallClock(),
        configuration: Configuration = .init(),
        ordering: (any CandidateOrdering)? = nil,
        routerChoice: (any LeadRouterChoice)? = nil
    ) {
        self.current = Mutex(Current(router: router, loads: AgentLoadView(projection: router.projection)))
        self.store = store
        self.clock = clock
        self.configuration = configuration
        self.ordering = ordering
        self.routerChoice = routerChoice
        self.rankingRouter = router.ranking(depth: configuration.rankingDepth)
        self.workspace = router.makeWorkspace()
    }

    /// Seeds the store's agent rows from the projection (capacity and baseline open leads) and loads the store's
    /// counts. Call once before routing.
    public func start() async throws {
        try await self.store.upsertAgents(Self.capacities(of: self.router.projection))
        try await self.refreshLoad()
        self.started = true
    }

    private func startIfNeeded() async throws {
        if !self.started { try await self.start() }
    }

    /// Replaces the load view with the store's counts and pause flags, except for agents a write of this process
    /// is changing meanwhile (their update would be undone by the older row; the load feed reads them again).
    public func refreshLoad() async throws {
        try await self.refreshLoad(within: [])
    }

    /// ``refreshLoad()`` from inside local writes: the read, made after their store calls, is fresh for their agents.
    private func refreshLoad(within writes: [LocalWrite]) async throws {
        let (router, loads) = self.graph
        let epoch = loads.epoch
        let records = try await self.store.agentLoads()
        let referrals = try await self.store.referralOutcomes()
        var table = AgentLoadTable(projection: router.projection, records: records, referralOutcomes: referrals)
        let projection = router.projection
        loads.applyRead(startedAt: epoch, within: writes.filter { $0.view === loads }.map(\.agents)) { current, settled in
            for agent in 0..<Int32(projection.agentCount) where !settled(agent) {
                table.keepAgent(agent, from: current, projection: projection)
            }
            current = table
        }
    }

    /// Routes on `router` from now on (a newer graph): seeds the store's agent rows from its projection (capacity
    /// and baseline), builds a load view sized to it from the store's counts and swaps router and view in at once.
    /// Readers that took the old pair finish on it; the store stays the authority on capacity.
    public func replaceGraph(_ router: Router) async throws {
        try await self.store.upsertAgents(Self.capacities(of: router.projection))
        let records = try await self.store.agentLoads()
        let referrals = try await self.store.referralOutcomes()
        let loads = AgentLoadView(projection: router.projection)
        let table = AgentLoadTable(projection: router.projection, records: records, referralOutcomes: referrals)
        loads.update { $0 = table }
        self.current.withLock { $0 = Current(router: router, loads: loads) }
        self.rankingRouter = router.ranking(depth: self.configuration.rankingDepth)
        self.workspace = router.makeWorkspace()
        self.started = true
    }

    /// The store rows of the projection's agents: capacity and baseline open leads.
    private static func capacities(of projection: GraphProjection) -> [AgentCapacity] {
        (0..<projection.agentCount).map { index in
            AgentCapacity(
                agentId: projection.agentIds[index],
                capacity: Int(projection.agentCapacity[index]),
                baselineOpen: Int(projection.agentOpenLeads[index])
            )
        }
    }

    /// Routes and commits one lead. `payload` is the lead as received (JSON); its canonical form is used when nil.
    /// A retry with the same id and payload returns the first decision unchanged. A lead whose territory is not in
    /// the graph throws ``LeadValidationError`` (field `territoryId`) unless the configuration accepts unknown
    /// territories.
    public func route(_ lead: Lead, payload: String? = nil) async throws -> CommitOutcome {
        try self.checkIntake(lead)
        return try await self.route(lead, payload: payload, excluding: [])
    }

    /// The intake rule (``Configuration/checkIntake(_:graph:)``) on this lifecycle's graph.
    public nonisolated func checkIntake(_ lead: Lead) throws(LeadValidationError) {
        try self.configuration.checkIntake(lead, graph: self.router.projection)
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
        let writing = self.beginLocalWrite(agentIds: ranking.map(\.agentId))
        defer { writing.end() }
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
        try await self.account(outcome, proposed: decision, within: [writing])
        return outcome
    }

    /// The agent accepts the offer: counts the accept and its offer→accept latency (the response time the router
    /// learns). Idempotent.
    public func accept(leadId: String, agentId: String) async throws -> AssignmentRecord {
        let now = self.clock.nowMillis()
        let writing = self.beginLocalWrite(agentIds: [agentId])
        defer { writing.end() }
        let record = try await self.store.transition(
            AssignmentTransition(leadId: leadId, agentId: agentId, to: .accepted, atMillis: now)
        )
        // A repeat returns the assignment unchanged (stamped earlier): only an accept now counts.
        if record.updatedAtMillis == now, let index = self.router.projection.agent(agentId) {
            self.loads.update { $0.recordAccept(index, latencyMillis: now - record.decidedAtMillis) }
        }
        return record
    }

    /// The agent closes the lead (won or lost): frees capacity, counts the conversion, and when the lead came by
    /// referral counts the close on the referral edge from its source agent to this agent too (the store does the
    /// same in the close's transaction). Idempotent.
    public func close(leadId: String, agentId: String, won: Bool) async throws -> AssignmentRecord {
        let now = self.clock.nowMillis()
        let writing = self.beginLocalWrite(agentIds: [agentId])
        defer { writing.end() }
        let record = try await self.store.transition(
            AssignmentTransition(leadId: leadId, agentId: agentId, to: won ? .closedWon : .closedLost, atMillis: now)
        )
        // A repeat returns the assignment unchanged (stamped earlier): only a close now frees the slot and counts.
        if record.updatedAtMillis == now, let index = self.router.projection.agent(agentId) {
            let source = await self.referralSource(of: leadId, agent: index)
            let projection = self.router.projection
            self.loads.update {
                $0.release(index)
                $0.recordClose(index, won: won)
                if let source { $0.recordReferralClose(sourceAgentId: source, agent: index, won: won, projection: projection) }
            }
        }
        return record
    }

    /// The lead's source agent when the lead came by referral along a direct edge of the graph to the agent at
    /// `agent` (the only closes the router's referral estimates count), else nil. Reads the stored lead only when
    /// the agent has a referrer at all. The close is committed by then: a failed read only leaves the edge's close
    /// out of this view until the next refresh or load-feed poll (the store counted it), it does not fail the close.
    private func referralSource(of leadId: String, agent: Int32) async -> String? {
        let projection = self.router.projection
        guard projection.referralsIn.degree(of: agent) > 0, let stored = try? await self.store.lead(leadId) else { return nil }
        guard let source = (try? Self.decodeStoredLead(stored))?.sourceAgentId else { return nil }
        return projection.referralEdges(from: source, to: projection.agentIds[Int(agent)]).isEmpty ? nil : source
    }

    /// Undoes a mistaken close: the closed assignment is accepted again (it takes a slot of the agent's capacity
    /// again, refused when the agent is full) and its conversion is uncounted. Audited (`reopened`). Idempotent.
    public func reopen(leadId: String, agentId: String) async throws -> AssignmentRecord {
        let now = self.clock.nowMillis()
        let writing = self.beginLocalWrite(agentIds: [agentId])
        defer { writing.end() }
        let record = try await self.store.transition(
            AssignmentTransition(leadId: leadId, agentId: agentId, to: .accepted, atMillis: now, from: [.closedWon, .closedLost])
        )
        // A repeat returns the assignment unchanged (stamped earlier): only a reopen now takes the slot again.
        // The close is uncounted in the store: the learned outcomes are read back with the load.
        if record.updatedAtMillis == now { try await self.refreshLoad(within: [writing]) }
        return record
    }

    /// Corrects a close's outcome (won ⇄ lost) and the agent's conversion counts. Audited (`close_corrected`).
    /// Idempotent: correcting to the recorded outcome changes nothing.
    public func correctClose(leadId: String, agentId: String, won: Bool) async throws -> AssignmentRecord {
        let now = self.clock.nowMillis()
        let writing = self.beginLocalWrite(agentIds: [agentId])
        defer { writing.end() }
        let record = try await self.store.transition(
            AssignmentTransition(
                leadId: leadId,
                agentId: agentId,
                to: won ? .closedWon : .closedLost,
                atMillis: now,
                from: [won ? .closedLost : .closedWon]
            )
        )
        // The learned outcomes follow the corrected counts.
        if record.updatedAtMillis == now { try await self.refreshLoad(within: [writing]) }
        return record
    }

    /// Pauses (`available` false: no new offers) or resumes an agent of the graph. Idempotent.
    public func setAvailability(agentId: String, available: Bool) async throws {
        guard let index = self.router.projection.agent(agentId) else {
            throw LeadStoreError(.notFound, "no agent \(agentId) in the graph")
        }
        do {
            let writing = self.beginLocalWrite(agentIds: [agentId])
            defer { writing.end() }
            try await self.store.setAgentPaused(agentId, paused: !available, atMillis: self.clock.nowMillis())
            self.loads.update { $0.setAvailable(available, for: index) }
        }
        if !available && self.configuration.rerouteOnPause {
            try await self.withdrawOffers(of: agentId)
        }
    }

    /// Ends every unaccepted offer of a paused agent (as expired, with the reason in the history) and re-routes the
    /// lead without them; leads whose territory this graph lacks keep their offer. Returns the re-routes.
    @discardableResult
    func withdrawOffers(of agentId: String) async throws -> [CommitOutcome] {
        var outcomes: [CommitOutcome] = []
        var after: String? = nil
        repeat {
            let page = try await self.store.listLeads(LeadListQuery(status: .offered, agentId: agentId, limit: 500, afterLeadId: after))
            for summary in page {
                guard let record = try await self.store.lead(summary.leadId), let offer = record.activeAssignment,
                    offer.agentId == agentId, offer.state == .offered
                else { continue }
                let lead = try Self.decodeStoredLead(record)
                if self.router.projection.territory(lead.territoryId) == nil { continue }
                try await self.startIfNeeded()
                outcomes.append(
                    try await self.endOffer(record, lead: lead, agentId: agentId, as: .expired, reason: "withdrawn: the agent was paused")
                )
            }
            after = page.count == 500 ? page.last?.leadId : nil
        } while after != nil
        return outcomes
    }

    /// The agent declines the offer: the lead is re-routed excluding every agent who declined it or let it expire.
    /// `reason`, when given, is kept in the lead's history. Idempotent: declining again (the same agent) returns the
    /// current decision; an agent who holds no offer of the lead cannot decline it (``LeadStoreError/Kind/invalidTransition``).
    /// - Throws: ``InputError`` for a reason longer than ``maximumReasonBytes`` or with control characters;
    ///   ``GraphMismatchError`` (nothing written) when the lead cannot be re-routed on this graph.
    public func decline(leadId: String, agentId: String, reason: String? = nil) async throws -> CommitOutcome {
        if let reason {
            if reason.utf8.count > Self.maximumReasonBytes {
                throw InputError(field: "reason", reason: "longer than \(Self.maximumReasonBytes) bytes", subject: "decline request")
            }
            if StrictJSON.containsControlCharacters(reason) {
                throw InputError(field: "reason", reason: "must not contain control characters", subject: "decline request")
            }
        }
        guard let record = try await self.store.lead(leadId) else { throw LeadStoreError.notFound(leadId: leadId) }
        let lead = try Self.decodeStoredLead(record)
        try self.checkGraph([(record, lead)])
        try await self.startIfNeeded()
        return try await self.endOffer(record, lead: lead, agentId: agentId, as: .declined, reason: reason)
    }

    /// Longest decline reason kept in the history, in bytes.
    public static let maximumReasonBytes = 500

    /// Expires offers older than the SLA and re-routes their leads. Returns one outcome per expired offer. Every
    /// lead is checked against the graph first: one that cannot be re-routed on it refuses the whole sweep
    /// (``GraphMismatchError``, nothing written).
    public func expireOverdueOffers(limit: Int = 1000) async throws -> [CommitOutcome] {
        try await self.sweep(limit: limit, retry: false).expired
    }

    /// Routes again the leads recorded as unroutable (capacity may have freed up). Returns their outcomes. Leads
    /// whose territory is still not in the graph stay as they are; a lead routed on another graph version refuses
    /// the whole retry unless the graph change is allowed (``GraphMismatchError``, nothing written).
    public func retryUnroutable(limit: Int = 1000) async throws -> [CommitOutcome] {
        try await self.sweep(limit: limit, expire: false).retried
    }

    /// Expires overdue offers (re-routing their leads), then retries unroutable leads, after checking every lead of
    /// both against the graph: one refusal refuses everything, with nothing written.
    public func sweep(
        limit: Int = 1000,
        expire: Bool = true,
        retry: Bool = true
    ) async throws -> (
        expired: [CommitOutcome], retried: [CommitOutcome]
    ) {
        var overdue: [(record: LeadRecord, lead: Lead, agentId: String)] = []
        if expire {
            let cutoff = self.clock.nowMillis() - self.configuration.offerSLAMillis
            for offer in try await self.store.overdueOffers(decidedBeforeMillis: cutoff, limit: limit) {
                guard let record = try await self.store.lead(offer.leadId) else { continue }
                overdue.append((record, try Self.decodeStoredLead(record), offer.agentId))
            }
        }
        var unroutable: [(record: LeadRecord, lead: Lead)] = []
        if retry {
            for leadId in try await self.store.unroutableLeadIds(limit: limit) {
                guard let record = try await self.store.lead(leadId) else { continue }
                let lead = try Self.decodeStoredLead(record)
                // Waiting for its territory (accepted as unknown): nothing to retry on this graph.
                if self.router.projection.territory(lead.territoryId) == nil { continue }
                unroutable.append((record, lead))
            }
        }
        try self.checkGraph(overdue.map { (record: $0.record, lead: $0.lead) } + unroutable)
        try await self.startIfNeeded()
        var expired: [CommitOutcome] = []
        for offer in overdue {
            expired.append(try await self.endOffer(offer.record, lead: offer.lead, agentId: offer.agentId, as: .expired))
        }
        var retried: [CommitOutcome] = []
        if retry {
            try await self.refreshLoad()
            for entry in unroutable {
                // Re-read: an expiry above may have changed it.
                guard let record = try await self.store.lead(entry.record.leadId), record.status == .unroutable else { continue }
                retried.append(try await self.route(entry.lead, payload: record.payload, excluding: record.endedAgents))
            }
        }
        return (expired, retried)
    }

    /// The re-route rule (``GraphMismatchError``): every lead's territory must be in the graph, and, unless a graph
    /// change is allowed, its recorded graph version must be this graph's.
    private func checkGraph(_ leads: [(record: LeadRecord, lead: Lead)]) throws(GraphMismatchError) {
        let projection = self.router.projection
        var refusals: [GraphMismatchError.Refusal] = []
        for (record, lead) in leads {
            if projection.territory(lead.territoryId) == nil {
                refusals.append(.init(leadId: record.leadId, problem: .unknownTerritory(lead.territoryId)))
            } else if !self.configuration.allowGraphChange && record.decision.graphVersion != projection.version {
                refusals.append(.init(leadId: record.leadId, problem: .otherGraphVersion(recorded: record.decision.graphVersion)))
            }
        }
        if !refusals.isEmpty { throw GraphMismatchError(refusals: refusals, graphVersion: projection.version) }
    }

    private func endOffer(
        _ record: LeadRecord,
        lead: Lead,
        agentId: String,
        as endState: AssignmentState,
        reason: String? = nil
    ) async throws -> CommitOutcome {
        let leadId = record.leadId
        var excluded = record.endedAgents
        excluded.insert(agentId)
        let ending = self.beginLocalWrite(agentIds: [agentId])
        defer { ending.end() }
        if let index = self.router.projection.agent(agentId), record.activeAssignment?.agentId == agentId {
            // The offer's slot is freed in the same transaction; the router should not see it as taken by this lead.
            self.loads.update { $0.release(index) }
        }
        let (decision, ranking) = self.rank(lead, excluding: excluded)
        let writing = self.beginLocalWrite(agentIds: ranking.map(\.agentId))
        defer { writing.end() }
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
            try await self.refreshLoad(within: [ending, writing])
        }
        try await self.account(outcome, proposed: decision, within: [ending, writing])
        return outcome
    }

    /// Ranks with the deeper router; returns the decision trimmed to the policy's `explainTopK` and the ranking.
    private func rank(_ lead: Lead, excluding: Set<String>) -> (RoutingDecision, [CandidateExplanation]) {
        let load = self.loads.snapshot
        let (router, rankingRouter) = self.routers(for: lead)
        var decision = rankingRouter.route(lead, load: load, excluding: excluding, workspace: &self.workspace)
        if let ordering = self.ordering, decision.status == .routed {
            decision = ordering.reordered(decision, lead: lead, load: load)
        }
        let ranking = decision.status == .routed ? decision.candidates : []
        decision.policy = router.policyIdentity
        if decision.candidates.count > router.policy.explainTopK {
            decision.candidates = Array(decision.candidates.prefix(router.policy.explainTopK))
        }
        return (decision, ranking)
    }

    /// The router that ranks `lead` and its deeper copy: the choice's router when it names one on the current graph
    /// (the same projection version), else the lifecycle's.
    private func routers(for lead: Lead) -> (router: Router, ranking: Router) {
        let router = self.router
        guard let chosen = self.routerChoice?.router(for: lead), chosen.projection.version == router.projection.version,
            chosen.policyIdentity != router.policyIdentity
        else { return (router, self.rankingRouter) }
        if let ranking = self.chosenRankingRouters[chosen.policyIdentity] { return (chosen, ranking) }
        let ranking = chosen.ranking(depth: self.configuration.rankingDepth)
        self.chosenRankingRouters[chosen.policyIdentity] = ranking
        return (chosen, ranking)
    }

    /// Keeps the load view in step: counts the new assignment; refreshes from the store after a fallback. Called
    /// inside the `writes` that made the outcome.
    private func account(_ outcome: CommitOutcome, proposed: RoutingDecision, within writes: [LocalWrite]) async throws {
        guard outcome.disposition != .replayed else { return }
        if outcome.decision.agentId != proposed.agentId {
            try await self.refreshLoad(within: writes)
        } else if let agentId = outcome.assignment?.agentId, let index = self.router.projection.agent(agentId) {
            self.loads.update { $0.assign(index) }
        }
    }

    /// A local write under way: the agents it may change, in the view it started on.
    struct LocalWrite {
        let view: AgentLoadView
        let agents: [Int32]

        /// Marks the write's end (after its view update).
        func end() { self.view.endLocalWrite(self.agents) }
    }

    /// Marks a write of this lifecycle that may change `agentIds` as under way, before its store call, so the load
    /// feed does not undo it with a row read before the view update (``AgentLoadView``). End it with `defer`.
    private func beginLocalWrite(agentIds: [String]) -> LocalWrite {
        let (router, view) = self.graph
        let agents = agentIds.compactMap { router.projection.agent($0) }
        view.beginLocalWrite(agents)
        return LocalWrite(view: view, agents: agents)
    }

    static func decodeStoredLead(_ record: LeadRecord) throws -> Lead {
        try Self.decodeStoredLead(payload: record.payload, leadId: record.leadId)
    }

    /// A stored payload as a lead; a payload that no longer decodes is ``LeadStoreError/Kind/corrupt``.
    static func decodeStoredLead(payload: String, leadId: String) throws -> Lead {
        do {
            return try Lead.decodeKept(json: Array(payload.utf8))
        } catch {
            throw LeadStoreError(.corrupt, "lead \(leadId): stored payload does not decode: \(error)")
        }
    }
}
