extension AgentLoadTable {
    /// The projection's agents with the lead store's counts, pause flags and learned outcomes and accepts: the load
    /// a lifecycle starts from, and what `leadrouter agent show --store` reads. Store rows of agents outside the
    /// projection are ignored.
    public init(projection: GraphProjection, records: [AgentLoadRecord]) {
        self.init(projection: projection)
        for record in records {
            guard let index = projection.agent(record.agentId) else { continue }
            self.setOpenLeads(record.open, for: index)
            self.setAvailable(!record.paused, for: index)
            self.setOutcomes(won: record.closedWon, lost: record.closedLost, for: index)
            self.setResponses(accepted: record.acceptedOffers, latencyMillis: record.acceptLatencyMillis, for: index)
        }
    }
}
