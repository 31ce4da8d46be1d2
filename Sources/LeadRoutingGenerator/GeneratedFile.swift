public import LeadRoutingCore

/// A file the generator writes: one of the six dataset files, or a hidden-truth file under `truth/`, which
/// the router never reads.
public enum GeneratedFile: Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// A dataset file, with exactly ``DatasetFile/columns``.
    case dataset(DatasetFile)
    /// `truth/agent_skill.csv`: agent_id,skill — each agent's hidden skill.
    case agentSkill
    /// `truth/agent_brokerage.csv`: agent_id,brokerage_id — community ground truth.
    case agentBrokerage
    /// `truth/brokerages.csv`: id,name,territory_id,lat,lon — brokerage offices.
    case brokerages

    /// Folder, inside the dataset directory, that holds the hidden truth.
    public static let truthDirectory = "truth"
    /// Path of the hidden-truth model (JSON of ``HiddenTruth``), relative to the dataset directory.
    public static let truthModelPath = "truth/model.json"

    public static var allCases: [GeneratedFile] {
        DatasetFile.allCases.map { .dataset($0) } + [.agentSkill, .agentBrokerage, .brokerages]
    }

    /// Path relative to the dataset directory.
    public var relativePath: String {
        switch self {
        case .dataset(let file): file.fileName
        case .agentSkill: "truth/agent_skill.csv"
        case .agentBrokerage: "truth/agent_brokerage.csv"
        case .brokerages: "truth/brokerages.csv"
        }
    }

    /// Header columns, in the order written.
    public var columns: [String] {
        switch self {
        case .dataset(let file): file.columns
        case .agentSkill: ["agent_id", "skill"]
        case .agentBrokerage: ["agent_id", "brokerage_id"]
        case .brokerages: ["id", "name", "territory_id", "lat", "lon"]
        }
    }

    /// Whether the file belongs to the hidden truth.
    public var isTruth: Bool {
        if case .dataset = self { return false }
        return true
    }

    public var description: String { self.relativePath }
}
