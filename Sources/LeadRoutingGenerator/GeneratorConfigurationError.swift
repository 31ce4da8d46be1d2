import LeadRoutingCore

/// Why a ``GeneratorConfiguration`` was rejected: a kind to match on and a one-line message for people.
public struct GeneratorConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as an open set of static values (match with `==`).
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        public let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { self.name }

        /// A count is negative.
        public static let negativeCount = Kind("negativeCount")
        /// Agents or leads were asked for but no territories.
        public static let missingTerritories = Kind("missingTerritories")
        /// More territories than there are 5-digit ZIP codes to name them.
        public static let tooManyTerritories = Kind("tooManyTerritories")
        /// More agents or leads than the id format and 32-bit indexes hold.
        public static let tooManyAgents = Kind("tooManyAgents")
        public static let tooManyLeads = Kind("tooManyLeads")
        /// More referral rows than distinct (from, to) pairs of different agents.
        public static let tooManyReferrals = Kind("tooManyReferrals")
        /// The metro name is not one of ``Metro/all``.
        public static let unknownMetro = Kind("unknownMetro")
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { self.message }
}
