#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Ranks candidate agents for a lead on an immutable ``GraphProjection`` under a ``RoutingPolicy`` and explains
/// the choice. Pure and deterministic: the same projection, policy, load and lead always give the same decision.
///
/// Candidates: agents covering the lead's territory or a territory within `maxTerritoryHops`
/// adjacency hops; and agents reached from the lead's source agent along up to `maxReferralHops` referral edges
/// that cover a territory within `referralTerritoryHops`. Hard constraints exclude candidates (counted by
/// ``ExclusionReason``); the rest are scored by the weighted mean of their ``FeatureScores``.
///
/// Ranking and tie-break: higher score first; on equal scores the lower utilisation (open / capacity); then the
/// lexicographically smaller agent id. A returning client's previous agent wins outright when eligible and the
/// policy's `stickyReturningClients` is on.
public struct Router: Sendable {
    public let projection: GraphProjection
    public let policy: RoutingPolicy
    /// The policy's ``RoutingPolicy/identity`` (label and content hash), computed once: what decisions record.
    public let policyIdentity: String

    /// Referral edge strength per CSR position of `projection.referralsOut`, in (0, 1):
    /// `(1 − e^(−sent / referralVolumeScale)) × (closed + 1) / (sent + 2)`. The searches read it through
    /// ``referralEdgeStrength(_:learned:)``, which adds the closes the load table learned along the edge.
    let referralStrength: [Double]
    /// Smoothed conversion rate per agent: `(closed + m·μ) / (assigned + m)`, μ the network rate, clamped to [0, 1].
    let performance: [Double]
    /// Weights divided by their sum, before the urgency boost.
    let weights: FeatureWeights
    /// Pruned (default) or exhaustive search; the same decisions either way.
    public let search: RoutingSearch
    /// The agent attributes the hard constraints and the static features read, one record per agent: one memory
    /// access per candidate instead of one per attribute (see ``AgentRoutingRecord``).
    let agentRecords: [AgentRoutingRecord]
    /// What the pruned search takes the distance feature to be before computing it: its largest possible value,
    /// which makes every deferred score an upper bound. Internal and settable so that a test can give a wrong bound
    /// and show the equivalence check catching it.
    var distanceBound: Double
    /// `e^ownLanguageBonus`: how much the client's own language can at most multiply the performance term. Settable
    /// for the same reason as ``distanceBound``.
    var languageOddsFactor: Double

    public init(projection: GraphProjection, policy: RoutingPolicy = .default, search: RoutingSearch = .pruned) {
        self.projection = projection
        self.policy = policy
        self.search = search
        self.policyIdentity = policy.identity
        let scale = policy.referralVolumeScale
        var strength = [Double](repeating: 0, count: projection.referralCount)
        for position in strength.indices {
            let sent = Double(projection.referralSent[position])
            let closed = Double(projection.referralClosed[position])
            strength[position] = Self.referralStrength(sent: sent, closed: closed, volumeScale: scale)
        }
        self.referralStrength = strength
        let prior = projection.networkConversionRate
        let m = policy.performancePriorStrength
        var performance = [Double](repeating: 0, count: projection.agentCount)
        for agent in performance.indices {
            let closed = Double(projection.agentClosed[agent])
            let assigned = Double(projection.agentAssigned[agent])
            let denominator = assigned + m
            performance[agent] = denominator > 0 ? min(1, max(0, (closed + m * prior) / denominator)) : prior
        }
        self.performance = performance
        self.weights = policy.weights
        self.agentRecords = (0..<projection.agentCount).map { AgentRoutingRecord(projection: projection, agent: $0) }
        self.distanceBound = max(1, policy.unknownFeatureValue)
        self.languageOddsFactor = exp(policy.ownLanguageBonus)
    }

    /// A workspace sized for this router's projection.
    public func makeWorkspace() -> RoutingWorkspace { RoutingWorkspace(projection: self.projection) }

    /// Routes one lead.
    /// - Parameters:
    ///   - lead: the lead.
    ///   - load: open leads and availability per agent.
    ///   - excluding: agent ids that must not get this lead (for example agents who declined it).
    ///   - workspace: scratch memory from ``makeWorkspace()``, reused across calls.
    public func route(
        _ lead: Lead,
        load: AgentLoadTable,
        excluding: Set<String> = [],
        workspace: inout RoutingWorkspace
    ) -> RoutingDecision {
        if !workspace.fits(self.projection) { workspace = self.makeWorkspace() }
        var notes: [String] = []
        guard let territory = self.projection.territory(lead.territoryId) else {
            return self.unroutable(lead, reason: .unknownTerritory, excluded: [:], notes: notes)
        }
        let round = workspace.nextRound()

        var source: Int32? = nil
        if let sourceId = lead.sourceAgentId {
            source = self.projection.agent(sourceId)
            if source == nil { notes.append("source agent \(sourceId) is not in the graph; no referral paths") }
        }
        if self.search == .pruned && self.coverageBoundsReferralCandidates {
            // Candidates do not depend on referral reach: find them first, then only their referral chains.
            self.reachTerritories(from: territory, hasSource: source != nil, round: round, workspace: &workspace)
            self.collectCoverageCandidates(round: round, workspace: &workspace)
            if let source {
                let previous = lead.previousAgentId.flatMap { self.projection.agent($0) }
                self.searchReferralChainsToCandidates(
                    from: source,
                    alsoTo: previous,
                    learned: load.referralOutcomes,
                    round: round,
                    workspace: &workspace
                )
            }
        } else {
            if let source { self.searchReferralChains(from: source, learned: load.referralOutcomes, round: round, workspace: &workspace) }
            self.reachTerritories(from: territory, hasSource: source != nil, round: round, workspace: &workspace)
            self.collectCoverageCandidates(round: round, workspace: &workspace)
        }

        let context = LeadContext(lead: lead, territory: territory, projection: self.projection, excluding: excluding)
        var excludedCounts = [Int](repeating: 0, count: ExclusionReason.allCases.count)

        // Returning client: the previous agent wins when eligible.
        var sticky: Int32? = nil
        if self.policy.stickyReturningClients, let previousId = lead.previousAgentId {
            if let previous = self.projection.agent(previousId) {
                if let reason = self.exclusion(of: previous, context: context, load: load) {
                    notes.append("previous agent \(previousId) not eligible: \(reason.rawValue)")
                    if workspace.candidateSlots[Int(previous)].stamp != round { excludedCounts[reason.index] += 1 }
                } else {
                    sticky = previous
                }
            } else {
                notes.append("previous agent \(previousId) is not in the graph")
            }
        }

        let candidateCount = workspace.candidates.count
        if candidateCount == 0 && sticky == nil {
            return self.unroutable(lead, reason: .noCoverage, excluded: Self.counts(excludedCounts), notes: notes)
        }

        // Hard constraints, then features.
        // Pruned: the distance feature and the conversion adjustments are taken at upper bounds (so the score is an
        // upper bound) until ranking.
        let deferBounds = self.search == .pruned
        workspace.eligible.removeAll(keepingCapacity: true)
        var utilisationSum = 0.0
        for agent in workspace.candidates {
            if agent == sticky { continue }
            if let reason = self.exclusion(of: agent, context: context, load: load) {
                excludedCounts[reason.index] += 1
                continue
            }
            let candidate = self.partialScore(
                agent,
                context: context,
                load: load,
                round: round,
                workspace: workspace,
                deferBounds: deferBounds
            )
            utilisationSum += candidate.utilisation
            workspace.eligible.append(candidate)
        }
        if let sticky {
            let candidate = self.partialScore(
                sticky,
                context: context,
                load: load,
                round: round,
                workspace: workspace,
                deferBounds: deferBounds
            )
            utilisationSum += candidate.utilisation
            workspace.eligible.append(candidate)
        }
        let eligibleCount = workspace.eligible.count
        guard !workspace.eligible.isEmpty else {
            return self.unroutable(lead, reason: .noEligibleAgent, excluded: Self.counts(excludedCounts), notes: notes)
        }
        let meanUtilisation = utilisationSum / Double(eligibleCount)
        let urgency = Double(min(3, max(0, lead.urgency)))
        let weights = self.effectiveWeights(urgency: urgency)
        for i in workspace.eligible.indices {
            workspace.eligible[i].features.fairness = min(1, max(0, 0.5 + (meanUtilisation - workspace.eligible[i].utilisation) / 2))
            workspace.eligible[i].score = Self.score(workspace.eligible[i].features, weights: weights)
        }

        // Rank: winner (sticky or best) first, then the top of the rest.
        let topK = self.policy.explainTopK
        let ranked: [ScoredCandidate]
        if deferBounds {
            ranked = self.topCandidates(&workspace.eligible, count: topK, pinned: sticky, scoresAreBounds: true) { candidate in
                self.completeDeferredFeatures(&candidate, context: context, load: load)
                candidate.score = Self.score(candidate.features, weights: weights)
            }
        } else {
            ranked = self.topCandidates(&workspace.eligible, count: topK, pinned: sticky)
        }
        var explanations: [CandidateExplanation] = []
        explanations.reserveCapacity(ranked.count)
        for candidate in ranked {
            let paths = self.paths(to: candidate.agent, lead: lead, source: source, sticky: candidate.agent == sticky, workspace: workspace)
            explanations.append(
                CandidateExplanation(
                    agentId: self.projection.agentIds[Int(candidate.agent)],
                    score: candidate.score,
                    features: candidate.features,
                    path: paths.primary,
                    paths: paths.all
                )
            )
        }
        let winner = explanations[0]
        return RoutingDecision(
            leadId: lead.id,
            status: .routed,
            agentId: winner.agentId,
            score: winner.score,
            path: winner.path,
            candidates: explanations,
            excluded: Self.counts(excludedCounts),
            policy: self.policyIdentity,
            graphVersion: self.projection.version,
            rule: sticky != nil ? .returningClient : .bestScore,
            eligibleCount: eligibleCount,
            notes: notes
        )
    }

    /// Routes one lead with a fresh workspace (convenient, slower: allocates per call).
    public func route(_ lead: Lead, load: AgentLoadTable, excluding: Set<String> = []) -> RoutingDecision {
        var workspace = self.makeWorkspace()
        return self.route(lead, load: load, excluding: excluding, workspace: &workspace)
    }

    /// Routes one lead against the projection's own load.
    public func route(_ lead: Lead) -> RoutingDecision {
        self.route(lead, load: AgentLoadTable(projection: self.projection))
    }

    private func unroutable(
        _ lead: Lead,
        reason: RoutingDecision.UnroutableReason,
        excluded: [String: Int],
        notes: [String]
    )
        -> RoutingDecision
    {
        RoutingDecision(
            leadId: lead.id,
            status: .unroutable,
            excluded: excluded,
            policy: self.policyIdentity,
            graphVersion: self.projection.version,
            reason: reason,
            notes: notes
        )
    }

    private static func counts(_ counts: [Int]) -> [String: Int] {
        var result: [String: Int] = [:]
        for (reason, count) in zip(ExclusionReason.allCases, counts) where count > 0 { result[reason.rawValue] = count }
        return result
    }
}

extension ExclusionReason {
    /// Position in ``allCases``.
    var index: Int {
        switch self {
        case .excluded: 0
        case .inactive: 1
        case .unavailable: 2
        case .notLicensed: 3
        case .kind: 4
        case .language: 5
        case .priceBand: 6
        case .atCapacity: 7
        }
    }
}
