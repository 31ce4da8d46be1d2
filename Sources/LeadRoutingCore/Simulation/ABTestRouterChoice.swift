/// Ranks each lead with the router of the A/B arm its id hashes to (see ``TrafficSplit``).
struct ABTestRouterChoice: LeadRouterChoice {
    let test: SimulationABTest
    /// One router per arm, in arm order, on the simulation's projection.
    let routers: [Router]

    init(test: SimulationABTest, projection: GraphProjection) {
        self.test = test
        self.routers = test.arms.map { Router(projection: projection, policy: $0.policy) }
    }

    func router(for lead: Lead) -> Router? { self.routers[self.test.arm(of: lead.id)] }
}
