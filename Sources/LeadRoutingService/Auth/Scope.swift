/// Permission a route requires; granted by the token's `scope` claim (space-separated).
public struct Scope: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { self.rawValue }

    /// Submit leads and change their lifecycle.
    public static let leadsWrite = Scope(rawValue: "leads:write")
    /// Read leads and preview decisions.
    public static let leadsRead = Scope(rawValue: "leads:read")
    /// Pause and resume agents.
    public static let agentsWrite = Scope(rawValue: "agents:write")
    /// Read agents, coverage and network analytics.
    public static let analyticsRead = Scope(rawValue: "analytics:read")
    /// Compute rebalance plans and apply them.
    public static let rebalanceWrite = Scope(rawValue: "rebalance:write")

    /// Operate the service: parked webhook events, graph reloads.
    public static let admin = Scope(rawValue: "admin")

    public static let all: [Scope] = [.leadsWrite, .leadsRead, .agentsWrite, .analyticsRead, .rebalanceWrite, .admin]

    /// The known scope spelled `text`, or nil.
    public static func known(_ text: String) -> Scope? { Self.all.first { $0.rawValue == text } }
}
