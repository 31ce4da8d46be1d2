public import LeadRoutingCore

/// `--candidates cypher`: for every lead, Neo4j is asked for the lead's neighbourhood (territories in reach,
/// referral chains from the source agent, coverage of the reached territories); the decision is then made by
/// the same Swift ``Router`` on a projection holding exactly those edges, so scoring stays in Swift and the
/// floating-point work is bit-for-bit the projection mode's. Agent attributes, capacity and load come from the
/// snapshot the caller loaded (the same one the projection mode uses).
///
/// The cross-check: if the Cypher traversal missed an edge the projection mode uses, decisions differ.
public struct CypherCandidateRouter: Sendable {
    public let store: Neo4jGraphStore
    public let policy: RoutingPolicy
    /// The full projection (version, ids, load-table shape).
    public let projection: GraphProjection
    private let base: Dataset
    private let agentIndex: [String: Int32]
    private let territoryIndex: [String: Int32]

    public init(store: Neo4jGraphStore, snapshot: GraphSnapshot, policy: RoutingPolicy) throws {
        self.store = store
        self.policy = policy
        self.projection = try GraphProjection(dataset: snapshot.dataset, version: snapshot.version)
        // Licences defaulted from coverage must not shrink to the neighbourhood's coverage: resolve them now.
        var base = snapshot.dataset
        var covered = [[String]](repeating: [], count: base.agents.count)
        for edge in base.coverage {
            let state = base.territories[Int(edge.territory)].state
            if !state.isEmpty && !covered[Int(edge.agent)].contains(state) { covered[Int(edge.agent)].append(state) }
        }
        for index in base.agents.indices where base.agents[index].states.isEmpty {
            base.agents[index].states = covered[index]
        }
        base.coverage = []
        base.adjacency = []
        base.referrals = []
        base.leads = []
        self.base = base
        var agentIndex: [String: Int32] = [:]
        for (index, agent) in base.agents.enumerated() { agentIndex[agent.id] = Int32(index) }
        var territoryIndex: [String: Int32] = [:]
        for (index, territory) in base.territories.enumerated() { territoryIndex[territory.id] = Int32(index) }
        self.agentIndex = agentIndex
        self.territoryIndex = territoryIndex
    }

    /// A load table shaped for ``projection``.
    public func makeLoad() -> AgentLoadTable { AgentLoadTable(projection: self.projection) }

    /// Routes one lead, asking Neo4j for its candidates.
    public func route(_ lead: Lead, load: AgentLoadTable, excluding: Set<String> = []) async throws -> RoutingDecision {
        let neighbourhood = try await self.store.neighbourhood(of: lead, policy: self.policy)
        var dataset = self.base
        for edge in neighbourhood.coverage {
            guard let agent = self.agentIndex[edge.agentId], let territory = self.territoryIndex[edge.territoryId] else { continue }
            dataset.coverage.append(Coverage(agent: agent, territory: territory, weight: edge.weight))
        }
        for edge in neighbourhood.adjacency {
            guard let a = self.territoryIndex[edge.territoryId], let b = self.territoryIndex[edge.neighborId] else { continue }
            dataset.adjacency.append(TerritoryAdjacency(territory: a, neighbor: b, distanceKm: edge.distanceKm))
        }
        for edge in neighbourhood.referrals {
            guard let from = self.agentIndex[edge.fromId], let to = self.agentIndex[edge.toId] else { continue }
            dataset.referrals.append(Referral(from: from, to: to, sent: edge.sent, closed: edge.closed))
        }
        let local = try GraphProjection(dataset: dataset, version: self.projection.version)
        let router = Router(projection: local, policy: self.policy)
        return router.route(lead, load: load, excluding: excluding)
    }

    /// Routes leads in order, each assignment counting against capacity for the following ones (as
    /// ``BatchRouter`` does in projection mode).
    public func routeBatch(_ leads: [Lead], excluding: Set<String> = [], each: (Int, RoutingDecision) throws -> Void) async throws {
        var load = self.makeLoad()
        for (offset, lead) in leads.enumerated() {
            let decision = try await self.route(lead, load: load, excluding: excluding)
            if let agent = decision.agentId, let index = self.agentIndex[agent] { load.assign(index) }
            try each(offset, decision)
        }
    }
}
