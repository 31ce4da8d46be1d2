/// One way of routing under test in a simulation: a routing policy (the router's own ranking) or a built-in
/// baseline (the router's eligible candidates in the baseline's order, under the default policy's constraints), or
/// an A/B test of several policies splitting one world's leads.
public struct SimulationArm: Sendable {
    public enum Kind: Sendable {
        case policy(RoutingPolicy)
        case baseline(SimulationBaseline)
        case abTest(SimulationABTest)
    }

    /// The name reports use: the policy's version label (or file name), or the baseline's name.
    public var name: String
    public var kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }

    public static func policy(_ policy: RoutingPolicy, name: String? = nil) -> SimulationArm {
        SimulationArm(name: name ?? policy.version, kind: .policy(policy))
    }

    public static func baseline(_ baseline: SimulationBaseline) -> SimulationArm {
        SimulationArm(name: baseline.rawValue, kind: .baseline(baseline))
    }

    /// One world whose leads are split between the test's policies.
    public static func abTest(_ test: SimulationABTest) -> SimulationArm {
        SimulationArm(name: test.name, kind: .abTest(test))
    }

    /// The policy whose router ranks (the baselines use the default policy's candidates and constraints; an A/B test
    /// its control's, the other policies ranking their own leads).
    var routingPolicy: RoutingPolicy {
        switch self.kind {
        case .policy(let policy): policy
        case .baseline: .default
        case .abTest(let test): test.arms[0].policy
        }
    }

    var isOracle: Bool {
        if case .baseline(.oracle) = self.kind { return true }
        return false
    }
}
