/// Computes a rebalance plan from the lead store's current state: reads the movable leads of a scope and the
/// agents' loads through ``LeadStore``, builds the instance with the router, solves it exactly and reads the plan
/// back, and keeps it in the store. No I/O of its own; the CLI, the HTTP API and the periodic job all call
/// ``plan(scope:progress:)``.
public struct RebalancePlanner: Sendable {
    /// Settings, each with a documented default.
    public struct Configuration: Sendable, Hashable {
        /// An offer unaccepted for this long is stale. Default 1 h (the lifecycle's SLA).
        public var offerSLAMillis: Int64
        /// Most leads read per kind (overdue offers, open offers, unroutable leads). Default 1,000,000.
        public var maximumLeads: Int

        public init(offerSLAMillis: Int64 = 3_600_000, maximumLeads: Int = 1_000_000) {
            self.offerSLAMillis = offerSLAMillis
            self.maximumLeads = maximumLeads
        }
    }

    /// A plan with the network it was solved on (for the DIMACS export).
    public struct Result: Sendable {
        public var plan: RebalancePlan
        public var network: RebalanceNetwork
    }

    public let router: Router
    public let store: any RebalanceStore
    public let clock: any WallClock
    public let configuration: Configuration

    public init(router: Router, store: any RebalanceStore, clock: any WallClock, configuration: Configuration = .init()) {
        self.router = router
        self.store = store
        self.clock = clock
        self.configuration = configuration
    }

    /// The movable leads of `scope`, by lead id, and the store time they were read at (the plan's watermark).
    public func movableLeads(scope: RebalanceScope) async throws -> (leads: [MovableLead], watermark: Int64) {
        let now = self.clock.nowMillis()
        let limit = self.configuration.maximumLeads
        let offers: [AssignmentRecord]
        switch scope {
        case .stale:
            offers = try await self.store.overdueOffers(decidedBeforeMillis: now - self.configuration.offerSLAMillis, limit: limit)
        case .open:
            offers = try await self.store.activeAssignments(limit: limit).filter { $0.state == .offered }
        }
        var seen = Set<String>()
        var offered: [AssignmentRecord] = []
        for offer in offers where offer.state == .offered && seen.insert(offer.leadId).inserted { offered.append(offer) }
        let unroutable = try await self.store.unroutableLeadIds(limit: limit).filter { seen.insert($0).inserted }
        // One batched read of every lead (payload, status, ended offers) instead of one full record per lead.
        let records = try await self.store.rebalanceLeadRecords(offered.map(\.leadId) + unroutable)
        var leads: [MovableLead] = []
        leads.reserveCapacity(offered.count + unroutable.count)
        for offer in offered {
            guard let record = records[offer.leadId] else { continue }
            leads.append(
                MovableLead(
                    lead: try LeadLifecycle.decodeStoredLead(payload: record.payload, leadId: offer.leadId),
                    currentAgentId: offer.agentId,
                    endedAgentIds: record.endedAgentIds,
                    reason: scope == .stale ? .staleOffer : .openOffer
                )
            )
        }
        for leadId in unroutable {
            guard let record = records[leadId], record.status == .unroutable else { continue }
            let ended = record.endedAgentIds
            leads.append(
                MovableLead(
                    lead: try LeadLifecycle.decodeStoredLead(payload: record.payload, leadId: leadId),
                    currentAgentId: nil,
                    endedAgentIds: ended,
                    reason: ended.isEmpty ? .unroutable : .declined
                )
            )
        }
        leads.sort { $0.lead.id < $1.lead.id }
        return (leads, now)
    }

    /// Reads the store, builds and solves the instance, keeps the plan in the store and returns it.
    /// `progress(done, total)` follows the instance build (one step per lead).
    public func plan(scope: RebalanceScope, progress: (Int, Int) -> Void = { _, _ in }) async throws -> Result {
        let (leads, watermark) = try await self.movableLeads(scope: scope)
        let agents = try await self.store.agentLoads()
        let instance = RebalanceInstanceBuilder(router: self.router).build(leads: leads, agents: agents) { progress($0, leads.count) }
        let network = RebalanceNetwork(instance: instance, policy: self.router.policy.rebalance)
        let solution = try network.solve()
        let projection = self.router.projection
        var territories: [String: [String]] = [:]
        for agent in instance.agents {
            guard let index = projection.agent(agent.id) else { continue }
            territories[agent.id] = projection.coverageByAgent.edgeRange(of: index).map {
                projection.territoryIds[Int(projection.coverageByAgent.targets[$0])]
            }
        }
        let plan = RebalancePlan(
            network: network,
            solution: solution,
            graphVersion: projection.version,
            policyVersion: self.router.policyIdentity,
            watermark: watermark,
            scope: scope,
            agentTerritories: territories
        )
        try await self.store.saveRebalancePlan(plan, atMillis: self.clock.nowMillis())
        return Result(plan: plan, network: network)
    }
}
