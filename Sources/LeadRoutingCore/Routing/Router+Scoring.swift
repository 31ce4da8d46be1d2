extension Router {
    /// The first hard constraint `agent` fails for this lead, in ``ExclusionReason`` order; nil when eligible.
    func exclusion(of agent: Int32, context: LeadContext, load: AgentLoadTable) -> ExclusionReason? {
        let a = Int(agent)
        let p = self.projection
        if !context.excluded.isEmpty && context.excluded.contains(agent) { return .excluded }
        if !p.agentActive[a] { return .inactive }
        if !load.available[a] { return .unavailable }
        if context.stateMask != 0 && p.agentStates[a] & context.stateMask == 0 { return .notLicensed }
        if p.agentKinds[a] & context.kindBit == 0 { return .kind }
        if let language = context.requiredLanguage, p.agentLanguages[a] & language == 0 { return .language }
        if let price = context.price {
            let low = p.agentPriceMin[a]
            let high = p.agentPriceMax[a]
            if (!low.isNaN && price < low) || (!high.isNaN && price > high) { return .priceBand }
        }
        if load.openLeads[a] >= p.agentCapacity[a] { return .atCapacity }
        return nil
    }

    /// Every feature except fairness, which needs the mean utilisation of all eligible candidates.
    func partialScore(
        _ agent: Int32,
        context: LeadContext,
        load: AgentLoadTable,
        round: UInt32,
        workspace: RoutingWorkspace
    ) -> ScoredCandidate {
        let a = Int(agent)
        let p = self.projection
        let unknown = self.policy.unknownFeatureValue
        var features = FeatureScores()
        if workspace.agentStamp[a] == round {
            features.coverage = workspace.coverage[a]
        } else {
            features.coverage = self.coverageOutsideCandidates(agent, round: round, workspace: workspace).strength
        }
        features.referral = workspace.referralStamp[a] == round ? workspace.referral[a] : 0
        features.performance = self.performanceScore(agent, lead: context.leadId, load: load)
        let capacity = Double(p.agentCapacity[a])
        let open = Double(load.openLeads[a])
        let utilisation = capacity > 0 ? min(1, max(0, open / capacity)) : 1
        features.headroom = 1 - utilisation
        let minutes = p.agentResponseMinutes[a]
        if minutes.isNaN {
            features.responsiveness = unknown
        } else {
            let halfLife = self.policy.responseHalfLifeMinutes
            features.responsiveness = halfLife / (halfLife + Double(max(0, minutes)))
        }
        let latitude = p.agentLatitude[a]
        let longitude = p.agentLongitude[a]
        if latitude.isNaN || longitude.isNaN || context.latitude.isNaN || context.longitude.isNaN {
            features.distance = unknown
        } else {
            let km = GeoDistance.approximateKilometres(
                latitude1: context.latitude,
                longitude1: context.longitude,
                latitude2: latitude,
                longitude2: longitude,
                cosLatitude: context.cosLatitude
            )
            let scale = self.policy.distanceScaleKm
            features.distance = scale / (scale + km)
        }
        return ScoredCandidate(agent: agent, score: 0, features: features, utilisation: utilisation)
    }

    /// Policy weights with responsiveness boosted by urgency (0–3).
    func effectiveWeights(urgency: Double) -> FeatureWeights {
        var weights = self.weights
        weights.responsiveness *= 1 + self.policy.urgencyResponsivenessBoost * urgency
        return weights
    }

    /// Weighted mean of the features, in [0, 1].
    static func score(_ features: FeatureScores, weights: FeatureWeights) -> Double {
        min(1, max(0, weights.dot(features) / weights.sum))
    }

    /// Orders eligible candidates (score, then utilisation, then agent id) and returns the first `count`,
    /// with `pinned` (the returning client's agent) moved to the front.
    func topCandidates(_ eligible: inout [ScoredCandidate], count: Int, pinned: Int32?) -> [ScoredCandidate] {
        let ids = self.projection.agentIds
        let precedes: (ScoredCandidate, ScoredCandidate) -> Bool = { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.utilisation != rhs.utilisation { return lhs.utilisation < rhs.utilisation }
            return ids[Int(lhs.agent)] < ids[Int(rhs.agent)]
        }
        var top: [ScoredCandidate] = []
        top.reserveCapacity(count + 1)
        if let pinned, let index = eligible.firstIndex(where: { $0.agent == pinned }) {
            top.append(eligible[index])
            eligible.swapAt(index, eligible.count - 1)
            eligible.removeLast()
        }
        let wanted = count - top.count
        guard wanted > 0 else { return top }
        if eligible.count <= 4 * wanted {
            eligible.sort(by: precedes)
            top.append(contentsOf: eligible.prefix(wanted))
            return top
        }
        // Partial selection: keep a sorted buffer of the best `wanted`.
        var best: [ScoredCandidate] = []
        best.reserveCapacity(wanted + 1)
        for candidate in eligible {
            if best.count == wanted, let last = best.last, !precedes(candidate, last) { continue }
            var insertAt = best.count
            while insertAt > 0 && precedes(candidate, best[insertAt - 1]) { insertAt -= 1 }
            best.insert(candidate, at: insertAt)
            if best.count > wanted { best.removeLast() }
        }
        top.append(contentsOf: best)
        return top
    }
}
