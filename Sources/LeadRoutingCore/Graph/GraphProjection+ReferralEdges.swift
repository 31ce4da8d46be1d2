extension GraphProjection {
    /// The CSR positions in ``referralsOut`` of the direct referral edges `source → agent` (none when the agent was
    /// never referred to directly; more than one only when the dataset repeats the edge). Reads the source's edges:
    /// for closes and store reads, not for the routing loops.
    public func referralEdges(from source: Int32, to agent: Int32) -> [Int] {
        self.referralsOut.edgeRange(of: source).filter { self.referralsOut.targets[$0] == agent }
    }

    /// ``referralEdges(from:to:)`` by agent ids; none when either is not in the graph or they are the same agent.
    public func referralEdges(from sourceId: String, to agentId: String) -> [Int] {
        guard sourceId != agentId, let source = self.agent(sourceId), let agent = self.agent(agentId) else { return [] }
        return self.referralEdges(from: source, to: agent)
    }
}
