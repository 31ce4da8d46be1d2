/// One edge of an explanation path, from one id to another.
public struct PathStep: Sendable, Hashable, Codable {
    public var from: String
    public var to: String
    /// What the edge is: ``Via`` raw values.
    public var via: String

    public init(from: String, to: String, via: Via) {
        self.from = from
        self.to = to
        self.via = via.rawValue
    }

    /// Kinds of path edges.
    public enum Via: String, Sendable {
        /// Lead → its territory.
        case locatedIn = "located_in"
        /// Territory → neighbouring territory.
        case adjacent
        /// Territory → an agent covering it.
        case coveredBy = "covered_by"
        /// Lead → the agent who referred the client.
        case referredBy = "referred_by"
        /// Agent → agent along a referral edge.
        case refers
        /// Lead → the agent who served the returning client before.
        case previousAgent = "previous_agent"
    }
}
