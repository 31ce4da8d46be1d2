/// Ranking deep enough for a lead store to fall back through when the best candidates fill up between routing
/// and commit. ``Router/route(_:load:excluding:workspace:)`` is unchanged; this only widens how many candidates
/// it explains.
extension Router {
    /// A copy of this router that ranks (and explains) at least `depth` candidates. Shares the projection and
    /// the precomputed tables; cheap.
    public func ranking(depth: Int) -> Router {
        var policy = self.policy
        policy.explainTopK = max(depth, policy.explainTopK)
        return Router(copying: self, policy: policy)
    }

    private init(copying other: Router, policy: RoutingPolicy) {
        self.projection = other.projection
        self.policy = policy
        // The deeper ranking explains more candidates; it is still the caller's policy.
        self.policyIdentity = other.policyIdentity
        self.referralStrength = other.referralStrength
        self.performance = other.performance
        self.weights = other.weights
        self.search = other.search
        self.agentRecords = other.agentRecords
        self.distanceBound = other.distanceBound
        self.languageOddsFactor = other.languageOddsFactor
    }
}
