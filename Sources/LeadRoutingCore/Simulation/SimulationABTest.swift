/// Routing policies A/B tested inside one simulated world: each arriving lead goes to one policy by a
/// ``TrafficSplit`` of its id and is routed (and re-routed) by that policy, while every policy shares the same agents,
/// open loads, capacity and events. Unlike separate arms, which each get a world of their own, the policies here
/// compete for the same agents, as they would in production.
public struct SimulationABTest: Sendable {
    /// One policy under test and the name reports give it.
    public struct Arm: Sendable {
        public var name: String
        public var policy: RoutingPolicy

        public init(name: String, policy: RoutingPolicy) {
            self.name = name
            self.policy = policy
        }
    }

    /// The policies, the first being the control every other is compared with.
    public var arms: [Arm]
    public var split: TrafficSplit

    /// Throws ``InputError`` (field `policy`) for fewer than two arms, a split of another size or repeated names.
    public init(arms: [Arm], split: TrafficSplit? = nil) throws(InputError) {
        guard arms.count >= 2 else {
            throw InputError(field: "policy", reason: "an A/B test needs at least two policies", subject: "simulation")
        }
        guard Set(arms.map(\.name)).count == arms.count else {
            throw InputError(field: "policy", reason: "two policies share a name; give each a distinct version", subject: "simulation")
        }
        let split = try Self.split(split, arms: arms.count)
        guard split.weights.count == arms.count else {
            throw InputError(field: "split", reason: "has \(split.weights.count) shares for \(arms.count) policies", subject: "simulation")
        }
        self.arms = arms
        self.split = split
    }

    /// `split`, or equal shares when nil.
    private static func split(_ split: TrafficSplit?, arms: Int) throws(InputError) -> TrafficSplit {
        if let split { return split }
        return try TrafficSplit.equal(arms)
    }

    /// The name of the simulation arm that runs the test: the policies' names joined by " vs ". It also salts the
    /// split (see ``TrafficSplit``).
    public var name: String { self.arms.map(\.name).joined(separator: " vs ") }

    /// The policy (index into ``arms``) that routes `leadId`.
    public func arm(of leadId: String) -> Int { self.split.arm(of: leadId, experiment: self.name) }
}
