/// Routes a stream of leads one after another, counting each assignment against the agent's capacity for the
/// leads that follow (the `route --leads` and `demo` semantics). Owns its load table and workspace.
public struct BatchRouter: Sendable {
    public let router: Router
    /// Load after the leads routed so far.
    public internal(set) var load: AgentLoadTable
    var workspace: RoutingWorkspace

    /// - Parameters:
    ///   - router: the router.
    ///   - load: the starting load; the projection's recorded open leads when nil.
    public init(router: Router, load: AgentLoadTable? = nil) {
        self.router = router
        self.load = load ?? AgentLoadTable(projection: router.projection)
        self.workspace = router.makeWorkspace()
    }

    /// Routes `lead` and, when routed, counts it against the chosen agent.
    public mutating func route(_ lead: Lead, excluding: Set<String> = []) -> RoutingDecision {
        let decision = self.router.route(lead, load: self.load, excluding: excluding, workspace: &self.workspace)
        if let agentId = decision.agentId, let agent = self.router.projection.agent(agentId) {
            self.load.assign(agent)
        }
        return decision
    }
}
