public import LeadRoutingCore

/// The generator's hidden truth as a simulator's ``TruthModel``: ``HiddenTruth``'s formula (skill, match, referral
/// trust, responsiveness) plus ``TruthEffects`` the router does not see (load, skill by lead kind and price band,
/// the client's own language, truly strong and weak referral relationships):
///
///     p = logistic(intercept + skillWeight·(skill + kindSkill + bandSkill) + matchWeight·match
///                  + trustWeight·trueReferralTrust + responseWeight·responsiveness
///                  + ownLanguageBonus·[agent speaks the client's language] + loadWeight·utilisation²)
///
/// `trueReferralTrust` follows ``HiddenTruth/referralTrustDefinition`` with each edge's true strength (strong within
/// a brokerage, weak across) instead of its observed counts.
public struct SimulatedTruth: TruthModel {
    public let truth: HiddenTruth
    public let effects: TruthEffects
    /// Dataset index of each projection agent.
    private let datasetIndex: [Int32]
    private let agents: [Agent]
    private let skill: [Double]
    /// Per dataset agent: the true mean response minutes (the dataset's figure, or the default, times the drift).
    private let responseMinutes: [Double]
    /// Per dataset agent: extra skill per kind (3) and per price band (3).
    private let kindSkill: [[Double]]
    private let bandSkill: [[Double]]
    private let coverage: [[Int32: Double]]
    private let neighbours: [[Int32]]
    private let territoryIndex: [String: Int32]
    private let agentIndex: [String: Int32]
    /// Per dataset agent: (referred agent, true strength).
    private let referralsOut: [[(to: Int32, strength: Double)]]

    /// - Parameters:
    ///   - skills: hidden skill per agent id (`truth/agent_skill.csv`); agents missing get 0.
    ///   - brokerages: brokerage per agent id (`truth/agent_brokerage.csv`); agents missing share none.
    public init(
        truth: HiddenTruth,
        dataset: Dataset,
        projection: GraphProjection,
        skills: [String: Double],
        brokerages: [String: String],
        effects: TruthEffects = TruthEffects()
    ) {
        self.truth = truth
        self.effects = effects
        self.agents = dataset.agents
        var agentIndex: [String: Int32] = [:]
        for (i, agent) in dataset.agents.enumerated() { agentIndex[agent.id] = Int32(i) }
        self.agentIndex = agentIndex
        self.datasetIndex = projection.agentIds.map { agentIndex[$0] ?? -1 }
        self.skill = dataset.agents.map { skills[$0.id] ?? 0 }
        self.responseMinutes = dataset.agents.map { agent in
            let stated = agent.responseMinutes ?? effects.defaultResponseMinutes
            // No draw without drift: the dataset's figure stays the truth to the bit.
            guard effects.responseDrift != 0 else { return stated }
            var random = SeededRandom(seed: truth.seed, key: "truth-response/\(agent.id)")
            return stated * PortableMath.exp(effects.responseDrift * random.normal())
        }
        var kindSkill: [[Double]] = []
        var bandSkill: [[Double]] = []
        for agent in dataset.agents {
            var random = SeededRandom(seed: truth.seed, key: "truth-effects/\(agent.id)")
            kindSkill.append((0..<3).map { _ in random.normal() * effects.kindSkillSpread })
            bandSkill.append((0..<3).map { _ in random.normal() * effects.priceBandSkillSpread })
        }
        self.kindSkill = kindSkill
        self.bandSkill = bandSkill
        var coverage = [[Int32: Double]](repeating: [:], count: dataset.agents.count)
        for row in dataset.coverage { coverage[Int(row.agent)][row.territory] = max(coverage[Int(row.agent)][row.territory] ?? 0, row.weight) }
        self.coverage = coverage
        var neighbours = [[Int32]](repeating: [], count: dataset.territories.count)
        for row in dataset.adjacency {
            neighbours[Int(row.territory)].append(row.neighbor)
            neighbours[Int(row.neighbor)].append(row.territory)
        }
        self.neighbours = neighbours
        var territoryIndex: [String: Int32] = [:]
        for (i, territory) in dataset.territories.enumerated() { territoryIndex[territory.id] = Int32(i) }
        self.territoryIndex = territoryIndex
        var referralsOut = [[(to: Int32, strength: Double)]](repeating: [], count: dataset.agents.count)
        for row in dataset.referrals {
            let from = brokerages[dataset.agents[Int(row.from)].id]
            let to = brokerages[dataset.agents[Int(row.to)].id]
            let strong = from != nil && from == to
            referralsOut[Int(row.from)].append((row.to, strong ? effects.strongReferralTrust : effects.weakReferralTrust))
        }
        self.referralsOut = referralsOut
    }

    public func conversionProbability(lead: Lead, agent: Int32, openLeads: Int, capacity: Int) -> Double {
        let a = Int(self.datasetIndex[Int(agent)])
        guard a >= 0 else { return 0 }
        let record = self.agents[a]
        let speaks = lead.language.map { language in record.languages.contains(language) } ?? false
        let kindIndex = LeadKind.allCases.firstIndex(of: lead.kind) ?? 0
        var skill = self.skill[a] + self.kindSkill[a][kindIndex]
        if let band = TruthEffects.priceBand(lead.price) { skill += self.bandSkill[a][band] }
        let utilisation = capacity > 0 ? min(1, Double(openLeads) / Double(capacity)) : 1
        let responsiveness = self.truth.responsiveness(responseMinutes: self.responseMinutes[a])
        let logit =
            self.truth.intercept + self.truth.skillWeight * skill + self.truth.matchWeight * self.match(lead, agent: a, speaks: speaks)
            + self.truth.trustWeight * self.referralTrust(lead, agent: Int32(a)) + self.truth.responseWeight * responsiveness
            + (speaks ? self.effects.ownLanguageBonus : 0) + self.effects.loadWeight * utilisation * utilisation
        return PortableMath.logistic(logit)
    }

    public func acceptProbability(lead: Lead, agent: Int32, openLeads: Int, capacity: Int) -> Double {
        let utilisation = capacity > 0 ? min(1, Double(openLeads) / Double(capacity)) : 1
        return min(1, max(0, self.effects.acceptAtEmpty - self.effects.acceptDropWhenFull * utilisation))
    }

    public func meanResponseMinutes(agent: Int32) -> Double {
        let a = Int(self.datasetIndex[Int(agent)])
        guard a >= 0 else { return self.effects.defaultResponseMinutes }
        return max(1, self.responseMinutes[a])
    }

    /// ``HiddenTruth/matchDefinition``.
    private func match(_ lead: Lead, agent a: Int, speaks: Bool) -> Double {
        let record = self.agents[a]
        var coverage = 0.0
        if let territory = self.territoryIndex[lead.territoryId] {
            if let weight = self.coverage[a][territory] {
                coverage = weight
            } else {
                coverage = 0.5 * (self.neighbours[Int(territory)].compactMap { self.coverage[a][$0] }.max() ?? 0)
            }
        }
        let language = lead.language == nil || speaks ? 1.0 : 0.0
        var price = 1.0
        if let value = lead.price {
            if let low = record.priceMin, value < low { price = 0 }
            if let high = record.priceMax, value > high { price = 0 }
        }
        let kind = record.specialties.contains(lead.kind.rawValue) ? 1.0 : 0.0
        return 0.4 * coverage + 0.2 * language + 0.2 * price + 0.2 * kind
    }

    /// The best path of at most two referral edges from the lead's source agent, with true edge strengths.
    private func referralTrust(_ lead: Lead, agent: Int32) -> Double {
        guard let sourceId = lead.sourceAgentId, let source = self.agentIndex[sourceId] else { return 0 }
        if source == agent { return 1 }
        var best = 0.0
        for first in self.referralsOut[Int(source)] {
            if first.to == agent { best = max(best, first.strength) }
            for second in self.referralsOut[Int(first.to)] where second.to == agent {
                best = max(best, first.strength * second.strength * 0.5)
            }
        }
        return best
    }
}
