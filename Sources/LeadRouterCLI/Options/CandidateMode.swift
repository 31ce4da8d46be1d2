import ArgumentParser
import LeadRoutingCore
import LeadRoutingNeo4j

/// `--candidates projection|cypher`.
enum CandidateMode: String, ExpressibleByArgument, CaseIterable, Codable {
    /// The in-memory projection (production path).
    case projection
    /// Ask Neo4j for every lead's neighbourhood (cross-check; needs --neo4j).
    case cypher
}

/// Routes leads one after another in either candidate mode, each assignment counting against capacity for the
/// following leads.
struct LeadDecider {
    private var batch: BatchRouter?
    private let cypher: CypherCandidateRouter?
    private var load: AgentLoadTable?

    init(mode: CandidateMode, loaded: LoadedRouter) throws {
        switch mode {
        case .projection:
            self.batch = BatchRouter(router: loaded.router)
            self.cypher = nil
        case .cypher:
            guard let store = loaded.store, let snapshot = loaded.snapshot else {
                throw CLIError("--candidates cypher needs --neo4j URL (the candidates come from Neo4j)")
            }
            let router = try CypherCandidateRouter(store: store, snapshot: snapshot, policy: loaded.router.policy)
            self.cypher = router
            self.load = router.makeLoad()
        }
    }

    /// Routes `leads` in order, each assignment counting for the leads after it, and hands every decision to
    /// `deliver` in lead order with its JSON line. From the projection the batch is routed on `options.workers`
    /// threads with the decisions of one thread (see ``BatchRouter/route(_:excluding:options:prepare:deliver:)``);
    /// from Neo4j one lead at a time. Returns the parallel batch's statistics (nil from Neo4j).
    mutating func routeAll(
        _ leads: [Lead],
        excluding: Set<String>,
        options: ParallelBatchOptions,
        deliver: (Int, RoutingDecision, [UInt8]) throws -> Void
    ) async throws -> ParallelBatchStatistics? {
        if self.batch != nil {
            return try await self.batch!.route(leads, excluding: excluding, options: options, prepare: { try StableJSON.bytes($0) }, deliver: deliver)
        }
        for (index, lead) in leads.enumerated() {
            let decision = try await self.route(lead, excluding: excluding)
            try deliver(index, decision, try StableJSON.bytes(decision))
        }
        return nil
    }

    mutating func route(_ lead: Lead, excluding: Set<String>) async throws -> RoutingDecision {
        if self.batch != nil { return self.batch!.route(lead, excluding: excluding) }
        guard let cypher = self.cypher, var load = self.load else { fatalError("LeadDecider without a mode") }
        let decision: RoutingDecision
        do {
            decision = try await cypher.route(lead, load: load, excluding: excluding)
        } catch {
            throw CLIError("\(error)")
        }
        if let agent = decision.agentId, let index = cypher.projection.agent(agent) { load.assign(index) }
        self.load = load
        return decision
    }
}
