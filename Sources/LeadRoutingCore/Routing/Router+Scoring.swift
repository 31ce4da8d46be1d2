extension Router {
    /// The first hard constraint `agent` fails for this lead, in ``ExclusionReason`` order; nil when eligible.
    func exclusion(of agent: Int32, context: LeadContext, load: AgentLoadTable) -> ExclusionReason? {
        let a = Int(agent)
        let record = self.agentRecords[a]
        if !context.excluded.isEmpty && context.excluded.contains(agent) { return .excluded }
        if !record.active { return .inactive }
        if !load.available[a] { return .unavailable }
        if context.stateMask != 0 && record.states & context.stateMask == 0 { return .notLicensed }
        if record.kinds & context.kindBit == 0 { return .kind }
        if let language = context.requiredLanguage, record.languages & language == 0 { return .language }
        if let price = context.price {
            let low = record.priceMin
            let high = record.priceMax
            if (!low.isNaN && price < low) || (!high.isNaN && price > high) { return .priceBand }
        }
        if load.openLeads[a] >= record.capacity { return .atCapacity }
        return nil
    }

    /// Every feature except fairness, which needs the mean utilisation of all eligible candidates. With
    /// `deferBounds` the distance feature and the per-lead conversion adjustments are taken at upper bounds (see
    /// ``distanceFeature(of:context:)`` and ``conversionBound(_:speaksClientLanguage:)``), so the score is one too;
    /// ``completeDeferredFeatures(_:context:load:)`` computes them when the candidate may rank.
    func partialScore(
        _ agent: Int32,
        context: LeadContext,
        load: AgentLoadTable,
        round: UInt32,
        workspace: RoutingWorkspace,
        deferBounds: Bool = false
    ) -> ScoredCandidate {
        let a = Int(agent)
        let record = self.agentRecords[a]
        var features = FeatureScores()
        let slot = workspace.candidateSlots[a]
        if slot.stamp == round {
            features.coverage = slot.coverage
        } else {
            features.coverage = self.coverageOutsideCandidates(agent, round: round, workspace: workspace).strength
        }
        features.referral = workspace.referralStamp[a] == round ? workspace.referral[a] : 0
        features.performance = self.performanceScore(agent, explorationStream: context.explorationStream, load: load)
        if self.adjustsConversion {
            let speaks = record.languages & context.clientLanguage != 0
            features.performance =
                deferBounds
                ? self.conversionBound(features.performance, speaksClientLanguage: speaks)
                : self.adjustedConversion(features.performance, speaksClientLanguage: speaks, open: load.openLeads[a], capacity: record.capacity)
        }
        let capacity = Double(record.capacity)
        let open = Double(load.openLeads[a])
        let utilisation = capacity > 0 ? min(1, max(0, open / capacity)) : 1
        features.headroom = 1 - utilisation
        features.responsiveness = self.responsivenessScore(agent, record: record, load: load)
        features.distance = deferBounds ? self.distanceBound : self.distanceFeature(of: agent, context: context)
        return ScoredCandidate(agent: agent, score: 0, features: features, utilisation: utilisation)
    }

    /// Replaces the bounds of a ``partialScore(_:context:load:round:workspace:deferBounds:)`` with the exact features
    /// (not the score: that needs the lead's weights).
    func completeDeferredFeatures(_ candidate: inout ScoredCandidate, context: LeadContext, load: AgentLoadTable) {
        candidate.features.distance = self.distanceFeature(of: candidate.agent, context: context)
        if self.adjustsConversion {
            let a = Int(candidate.agent)
            let record = self.agentRecords[a]
            candidate.features.performance = self.adjustedConversion(
                self.performanceScore(candidate.agent, explorationStream: context.explorationStream, load: load),
                speaksClientLanguage: record.languages & context.clientLanguage != 0,
                open: load.openLeads[a],
                capacity: record.capacity
            )
        }
    }

    /// The distance feature: `scale / (scale + km)` from the lead's territory to the agent's home, in [0, 1];
    /// the policy's unknown value without coordinates. Never above `max(1, unknownFeatureValue)`.
    func distanceFeature(of agent: Int32, context: LeadContext) -> Double {
        let a = Int(agent)
        let latitude = self.projection.agentLatitude[a]
        let longitude = self.projection.agentLongitude[a]
        if latitude.isNaN || longitude.isNaN || context.latitude.isNaN || context.longitude.isNaN {
            return self.policy.unknownFeatureValue
        }
        let km = GeoDistance.approximateKilometres(
            latitude1: context.latitude,
            longitude1: context.longitude,
            latitude2: latitude,
            longitude2: longitude,
            cosLatitude: context.cosLatitude
        )
        let scale = self.policy.distanceScaleKm
        return scale / (scale + km)
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
    ///
    /// With `scoresAreBounds`, the candidates' scores are upper bounds and `exact` computes the real features and
    /// score: it runs only for `pinned` and for candidates whose bound is not below the current `count`-th best
    /// score (a bound equal to it may still win the tie-break, so it is computed). The result is the same as
    /// computing every score first.
    func topCandidates(
        _ eligible: inout [ScoredCandidate],
        count: Int,
        pinned: Int32?,
        scoresAreBounds: Bool = false,
        exact: (inout ScoredCandidate) -> Void = { _ in }
    ) -> [ScoredCandidate] {
        let ids = self.projection.agentIds
        let precedes: (ScoredCandidate, ScoredCandidate) -> Bool = { lhs, rhs in
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            if lhs.utilisation != rhs.utilisation { return lhs.utilisation < rhs.utilisation }
            return ids[Int(lhs.agent)] < ids[Int(rhs.agent)]
        }
        var top: [ScoredCandidate] = []
        top.reserveCapacity(count + 1)
        if let pinned, let index = eligible.firstIndex(where: { $0.agent == pinned }) {
            var candidate = eligible[index]
            if scoresAreBounds { exact(&candidate) }
            top.append(candidate)
            eligible.swapAt(index, eligible.count - 1)
            eligible.removeLast()
        }
        let wanted = count - top.count
        guard wanted > 0 else { return top }
        if eligible.count <= 4 * wanted {
            // Deep rankings (most of the candidates wanted) gain nothing from bounds.
            if scoresAreBounds { for index in eligible.indices { exact(&eligible[index]) } }
            eligible.sort(by: precedes)
            top.append(contentsOf: eligible.prefix(wanted))
            return top
        }
        // Partial selection: keep a sorted buffer of the best `wanted`.
        var best: [ScoredCandidate] = []
        best.reserveCapacity(wanted + 1)
        for var candidate in eligible {
            if scoresAreBounds {
                // The bound is below the `wanted`-th exact score: the real score is too.
                if best.count == wanted, let last = best.last, candidate.score < last.score { continue }
                exact(&candidate)
            }
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
