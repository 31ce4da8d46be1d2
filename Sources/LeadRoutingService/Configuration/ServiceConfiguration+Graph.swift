import Foundation
public import LeadRoutingNeo4j

/// The graph source settings: a dataset directory, or Neo4j with its connection, snapshot cache and polling.
extension ServiceConfiguration {
    /// ``graphPollInterval`` in milliseconds; nil when it does not parse (``validate()`` says so).
    public var graphPollIntervalMillis: Int64? { DurationText(self.graphPollInterval)?.milliseconds }

    /// ``graphStaleAfter`` in milliseconds; nil when it does not parse (``validate()`` says so).
    public var graphStaleAfterMillis: Int64? { DurationText(self.graphStaleAfter)?.milliseconds }

    /// Checks the graph source: exactly one of a dataset directory and a Neo4j URL, and the Neo4j options.
    func validateGraphSource() throws(ServiceConfigurationError) {
        if let neo4j = self.neo4j {
            if self.dataset != nil {
                throw ServiceConfigurationError(setting: "neo4j", message: "the graph comes from --dataset or from --neo4j, not both")
            }
            guard neo4j.hasPrefix("http://") || neo4j.hasPrefix("https://") else {
                throw ServiceConfigurationError(setting: "neo4j", message: "must be an http:// or https:// URL, got \(neo4j)")
            }
            if self.neo4jDatabase.isEmpty { throw ServiceConfigurationError(setting: "neo4j-database", message: "must not be empty") }
            if Neo4jConfiguration.API(rawValue: self.neo4jApi) == nil {
                throw ServiceConfigurationError(setting: "neo4j-api", message: "must be automatic, query or tx")
            }
            for (setting, file) in [("neo4j-password-file", self.neo4jPasswordFile), ("neo4j-token-file", self.neo4jTokenFile)] {
                if let file, !FileManager.default.isReadableFile(atPath: file) {
                    throw ServiceConfigurationError(setting: setting, message: "cannot read \(file)")
                }
            }
        } else {
            guard let dataset = self.dataset, !dataset.isEmpty else {
                throw ServiceConfigurationError(setting: "dataset", message: "no dataset directory given (or --neo4j URL)")
            }
            if !Self.isDirectory(dataset) { throw ServiceConfigurationError(setting: "dataset", message: "not a directory: \(dataset)") }
        }
        guard let poll = self.graphPollIntervalMillis, poll > 0 else {
            throw ServiceConfigurationError(
                setting: "graph-poll-interval",
                message: "\(self.graphPollInterval.debugDescription) is not a positive duration (e.g. 5s, 500ms, 1m)"
            )
        }
        guard let stale = self.graphStaleAfterMillis, stale > 0 else {
            throw ServiceConfigurationError(
                setting: "graph-stale-after",
                message: "\(self.graphStaleAfter.debugDescription) is not a positive duration (e.g. 5m, 1h)"
            )
        }
    }

    /// How to reach Neo4j (nil without ``neo4j``); credentials from the files named or `NEO4J_USER`,
    /// `NEO4J_PASSWORD` and `NEO4J_TOKEN` in `environment`.
    public func neo4jConfiguration(environment: [String: String]) throws(ServiceConfigurationError) -> Neo4jConfiguration? {
        guard let url = self.neo4j else { return nil }
        let credentials: Neo4jConfiguration.Credentials
        do {
            credentials = try .resolve(
                user: self.neo4jUser,
                passwordFile: self.neo4jPasswordFile,
                tokenFile: self.neo4jTokenFile,
                environment: environment
            )
        } catch {
            throw ServiceConfigurationError(setting: "neo4j-user", message: error.message)
        }
        return Neo4jConfiguration(
            url: url,
            database: self.neo4jDatabase,
            credentials: credentials,
            api: Neo4jConfiguration.API(rawValue: self.neo4jApi) ?? .automatic
        )
    }
}
