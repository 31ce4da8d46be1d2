/// One way of routing under test in a simulation: a routing policy (the router's own ranking) or a built-in
/// baseline (the router's eligible candidates in the baseline's order, under the default policy's constraints).
public struct SimulationArm: Sendable {
    public enum Kind: Sendable {
        case policy(RoutingPolicy)
        case baseline(SimulationBaseline)
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

    /// The policy whose router ranks (the baselines use the default policy's candidates and constraints).
    var routingPolicy: RoutingPolicy {
        if case .policy(let policy) = self.kind { return policy }
        return .default
    }

    var isOracle: Bool {
        if case .baseline(.oracle) = self.kind { return true }
        return false
    }
}
