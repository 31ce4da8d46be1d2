/// The files of a dataset directory and their columns.
public enum DatasetFile: String, Sendable, CaseIterable, Hashable {
    case agents
    case territories
    case coverage
    case adjacency
    case referrals
    case leads

    /// File name inside the dataset directory.
    public var fileName: String { "\(self.rawValue).csv" }

    /// Columns in the order the writer emits them. Readers find columns by header name, in any order.
    public var columns: [String] {
        switch self {
        case .agents:
            [
                "id", "name", "active", "states", "languages", "specialties", "price_min", "price_max", "capacity",
                "open_leads", "closed", "assigned", "response_minutes", "lat", "lon",
            ]
        case .territories: ["id", "name", "state", "lat", "lon"]
        case .coverage: ["agent_id", "territory_id", "weight"]
        case .adjacency: ["territory_id", "neighbor_id", "distance_km"]
        case .referrals: ["from_agent_id", "to_agent_id", "sent", "closed"]
        case .leads:
            [
                "id", "territory_id", "kind", "price", "language", "language_required", "urgency", "source_agent_id",
                "previous_agent_id", "created_at",
            ]
        }
    }

    /// Columns that must be present in the header and non-empty on every row.
    public var requiredColumns: [String] {
        switch self {
        case .agents, .territories: ["id"]
        case .coverage: ["agent_id", "territory_id"]
        case .adjacency: ["territory_id", "neighbor_id"]
        case .referrals: ["from_agent_id", "to_agent_id"]
        case .leads: ["id", "territory_id"]
        }
    }

    /// Whether the directory must contain this file. Absent optional files read as empty.
    public var isRequired: Bool {
        switch self {
        case .agents, .territories, .coverage: true
        case .adjacency, .referrals, .leads: false
        }
    }
}
