/// An agent as read from `agents.csv`. Defaults for absent columns are documented in the README.
public struct Agent: Sendable, Hashable {
    /// Stable external id; the dense index is the agent's position in ``Dataset/agents``.
    public var id: String
    public var name: String
    /// Inactive agents never receive leads.
    public var active: Bool
    /// States the agent is licensed in. Empty means "licensed in the states of the territories it covers".
    public var states: [String]
    /// Languages spoken (lower-case codes such as `en`, `es`).
    public var languages: [String]
    /// Lead kinds (and possibly other specialties) the agent handles.
    public var specialties: [String]
    /// Price band, either side optional.
    public var priceMin: Double?
    public var priceMax: Double?
    /// Maximum number of open leads.
    public var capacity: Int
    /// Open leads at load time.
    public var openLeads: Int
    /// Conversion history: leads closed and leads ever assigned.
    public var closed: Int
    public var assigned: Int
    /// Typical first-response time in minutes, when known.
    public var responseMinutes: Double?
    /// Home location, when known.
    public var latitude: Double?
    public var longitude: Double?

    public init(
        id: String,
        name: String? = nil,
        active: Bool = true,
        states: [String] = [],
        languages: [String] = Agent.defaultLanguages,
        specialties: [String] = Agent.defaultSpecialties,
        priceMin: Double? = nil,
        priceMax: Double? = nil,
        capacity: Int = Agent.defaultCapacity,
        openLeads: Int = 0,
        closed: Int = 0,
        assigned: Int = 0,
        responseMinutes: Double? = nil,
        latitude: Double? = nil,
        longitude: Double? = nil
    ) {
        self.id = id
        self.name = name ?? id
        self.active = active
        self.states = states
        self.languages = languages
        self.specialties = specialties
        self.priceMin = priceMin
        self.priceMax = priceMax
        self.capacity = capacity
        self.openLeads = openLeads
        self.closed = closed
        self.assigned = assigned
        self.responseMinutes = responseMinutes
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Capacity when the column is absent or empty.
    public static let defaultCapacity = 20
    /// Languages when the column is absent or empty.
    public static let defaultLanguages = ["en"]
    /// Specialties when the column is absent or empty: every lead kind.
    public static let defaultSpecialties = LeadKind.allCases.map(\.rawValue)
}
