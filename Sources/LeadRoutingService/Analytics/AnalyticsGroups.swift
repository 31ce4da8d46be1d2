import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// Where the service finds the agent groups of `GET /analytics/leakage?by=brokerage`: the dataset directory's
/// `truth/agent_brokerage.csv` (what `leadrouter analyze leakage --by brokerage` reads by default) when that file
/// exists. Without it (no dataset directory, or a dataset without the file) that query answers 422 naming `by`.
enum AnalyticsGroups {
    /// The groups, or nil when there are none to read.
    /// - Throws: ``ServiceConfigurationError`` (setting `dataset`) when the file exists but cannot be read or parsed.
    static func load(_ configuration: ServiceConfiguration) throws(ServiceConfigurationError) -> AgentGroups? {
        guard let dataset = configuration.dataset else { return nil }
        let path = AgentGroupsFile.defaultPath(dataset: dataset)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try AgentGroupsFile.load(from: path)
        } catch {
            throw ServiceConfigurationError(setting: "dataset", message: "\(error)")
        }
    }
}
