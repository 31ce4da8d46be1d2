import LeadRoutingCore

/// The hard rules of routing, checked for a decision from the dataset's own records (the `Agent`, `Territory` and
/// `Lead` values), independently of the router's projection and bit masks. The property tests run it on every
/// decision; `RoutingRuleAuditTests` shows it flags each kind of wrong decision.
struct RoutingRuleAudit {
    /// A rule an agent given a lead must satisfy.
    enum Rule: String, CaseIterable, CustomStringConvertible {
        case excluded, inactive, paused, notLicensed, kind, language, priceBand, atCapacity, unknownAgent

        var description: String { self.rawValue }
    }

    let agents: [String: Agent]
    let territoryStates: [String: String]
    let projection: GraphProjection

    init(dataset: Dataset, projection: GraphProjection) {
        self.agents = Dictionary(dataset.agents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.territoryStates = Dictionary(dataset.territories.map { ($0.id, $0.state) }, uniquingKeysWith: { first, _ in first })
        self.projection = projection
    }

    /// The rules `agentId` breaks for `lead`, given the load before the decision and the caller's exclusions.
    func broken(by agentId: String, for lead: Lead, load: AgentLoadTable, excluding: Set<String> = []) -> Set<Rule> {
        guard let agent = self.agents[agentId], let index = self.projection.agent(agentId) else { return [.unknownAgent] }
        var broken: Set<Rule> = []
        if excluding.contains(agentId) { broken.insert(.excluded) }
        if !agent.active { broken.insert(.inactive) }
        if !load.available[Int(index)] { broken.insert(.paused) }
        // A territory without a state cannot be checked for a licence (the contract leaves it open).
        if let state = self.territoryStates[lead.territoryId], !state.isEmpty, !agent.states.contains(state) {
            broken.insert(.notLicensed)
        }
        if !agent.specialties.contains(lead.kind.rawValue) { broken.insert(.kind) }
        if lead.languageRequired, let language = lead.language, !language.isEmpty, !agent.languages.contains(language.lowercased()) {
            broken.insert(.language)
        }
        if let price = lead.price {
            if let low = agent.priceMin, price < low { broken.insert(.priceBand) }
            if let high = agent.priceMax, price > high { broken.insert(.priceBand) }
        }
        if Int(load.openLeads[Int(index)]) >= agent.capacity { broken.insert(.atCapacity) }
        return broken
    }

    /// Every rule broken by a routed decision: by its winner and by any explained candidate (all of them were
    /// eligible under the same load).
    func problems(of decision: RoutingDecision, for lead: Lead, load: AgentLoadTable, excluding: Set<String> = []) -> [String] {
        var problems: [String] = []
        if let winner = decision.agentId {
            for rule in self.broken(by: winner, for: lead, load: load, excluding: excluding).sorted(by: { $0.rawValue < $1.rawValue }) {
                problems.append("winner \(winner) breaks \(rule)")
            }
        }
        for candidate in decision.candidates {
            for rule in self.broken(by: candidate.agentId, for: lead, load: load, excluding: excluding).sorted(by: { $0.rawValue < $1.rawValue }) {
                problems.append("candidate \(candidate.agentId) breaks \(rule)")
            }
        }
        return problems
    }

    /// The capacity invariant after a batch: every agent's open leads are its starting count plus what the batch
    /// gave it, and no agent that started within capacity ends above it.
    func capacityProblems(start: AgentLoadTable, end: AgentLoadTable, assigned: [Int]) -> [String] {
        var problems: [String] = []
        for (id, agent) in self.agents {
            guard let index = self.projection.agent(id).map(Int.init) else { continue }
            let before = Int(start.openLeads[index])
            let after = Int(end.openLeads[index])
            if after != before + assigned[index] {
                problems.append("\(id): load \(after) is not \(before) + \(assigned[index]) assigned")
            }
            if after > max(agent.capacity, before) {
                problems.append("\(id): \(after) open leads exceed capacity \(agent.capacity)")
            }
        }
        return problems
    }
}
