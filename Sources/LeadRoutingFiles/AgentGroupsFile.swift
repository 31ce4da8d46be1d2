import Foundation
public import LeadRoutingAnalysis
import LeadRoutingCore

/// Reads ``AgentGroups`` (agent → group, e.g. brokerage) from a CSV file.
public enum AgentGroupsFile {
    /// Where a generated dataset keeps its agents' brokerages: `DIR/truth/agent_brokerage.csv`, the default groups
    /// of `leakage` by brokerage in the CLI and the service.
    public static func defaultPath(dataset: String) -> String {
        URL(fileURLWithPath: dataset).appendingPathComponent("truth/agent_brokerage.csv").path
    }

    /// Loads the groups at `path`; errors name the file (and the line of a malformed record).
    public static func load(from path: String) throws -> AgentGroups {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetDirectoryError(kind: .readFailed, path: path, message: "cannot read the agent groups file \(path)")
        }
        return try AgentGroups.decode(csv: Array(data), file: path)
    }
}
