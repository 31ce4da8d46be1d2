extension AgentLoadTable {
    /// The projection's agents with the lead store's counts, pause flags and learned outcomes and accepts: the load
    /// a lifecycle starts from, and what `leadrouter agent show --store` reads. Store rows of agents outside the
    /// projection are ignored, and so are referral outcomes of pairs that are not a direct referral edge of it.
    public init(projection: GraphProjection, records: [AgentLoadRecord], referralOutcomes: [ReferralOutcomeRecord] = []) {
        self.init(projection: projection)
        for record in records {
            guard let index = projection.agent(record.agentId) else { continue }
            self.setRecord(record, for: index)
        }
        for record in referralOutcomes { self.setReferralOutcome(record, projection: projection) }
    }

    /// Sets the agent at `index` to the store row: open leads, availability, learned closes and accepts.
    public mutating func setRecord(_ record: AgentLoadRecord, for index: Int32) {
        self.setOpenLeads(record.open, for: index)
        self.setAvailable(!record.paused, for: index)
        self.setOutcomes(won: record.closedWon, lost: record.closedLost, for: index)
        self.setResponses(accepted: record.acceptedOffers, latencyMillis: record.acceptLatencyMillis, for: index)
    }

    /// Sets the learned closes of the direct referral edge `source → agent` the store row names (every copy of it
    /// when the dataset repeats the edge). Returns whether the view changed; a pair with no such edge changes nothing.
    @discardableResult
    public mutating func setReferralOutcome(_ record: ReferralOutcomeRecord, projection: GraphProjection) -> Bool {
        var changed = false
        for edge in projection.referralEdges(from: record.sourceAgentId, to: record.agentId) {
            let outcome = ReferralOutcome(won: Int32(clamping: max(0, record.won)), lost: Int32(clamping: max(0, record.lost)))
            guard self.referralOutcome(edge: edge) != outcome else { continue }
            self.setReferralOutcome(won: record.won, lost: record.lost, edge: edge)
            changed = true
        }
        return changed
    }

    /// Counts one more close of a lead `sourceAgentId` referred to the agent at `agent` on the direct edge between
    /// them, if the graph has one (a lead that came along a longer chain is credited to the direct pair only).
    public mutating func recordReferralClose(sourceAgentId: String, agent: Int32, won: Bool, projection: GraphProjection) {
        guard let source = projection.agent(sourceAgentId), source != agent else { return }
        for edge in projection.referralEdges(from: source, to: agent) { self.recordReferralClose(edge: edge, won: won) }
    }

    /// Takes the agent at `agent` as `current` has it: load, availability, learned counts and the closes learned on
    /// the referral edges into it. What a refresh from the store keeps for an agent this process is changing.
    mutating func keepAgent(_ agent: Int32, from current: AgentLoadTable, projection: GraphProjection) {
        let a = Int(agent)
        self.setOpenLeads(Int(current.openLeads[a]), for: agent)
        self.setAvailable(current.available[a], for: agent)
        self.setOutcomes(won: Int(current.closedWon[a]), lost: Int(current.closedLost[a]), for: agent)
        self.setResponses(accepted: Int(current.acceptedOffers[a]), latencyMillis: current.acceptLatencyMillis[a], for: agent)
        for position in projection.referralsIn.edgeRange(of: agent) {
            let edge = Int(projection.referralsInEdge[position])
            let outcome = current.referralOutcome(edge: edge)
            if outcome != self.referralOutcome(edge: edge) {
                self.setReferralOutcome(won: Int(outcome.won), lost: Int(outcome.lost), edge: edge)
            }
        }
    }
}
