import LeadRoutingCore

extension Router {
    /// Throws, naming the flag and the id, when an agent id given on the command line is not in the graph: a typo
    /// must not pass as "no such agent to exclude" or reach the store.
    func requireAgents(_ ids: [String], flag: String) throws {
        for id in ids where self.projection.agent(id) == nil {
            throw CLIError("--\(flag) \(id): no agent \(id) in graph \(self.projection.version)")
        }
    }
}
