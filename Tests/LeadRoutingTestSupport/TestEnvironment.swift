import Foundation

/// The environment variables that switch on the tests needing outside services. `scripts/services/postgres`,
/// `scripts/services/neo4j` and `scripts/services/nats` write them; a suite that needs one is skipped, saying which, when it is absent.
public enum TestEnvironment {
    /// The value of `name`, nil when unset or empty.
    public static func value(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// `POSTGRES_URL`: a `postgres://` URL of a database the tests may create schemas in.
    public static var postgresURL: String? { self.value("POSTGRES_URL") }

    /// `NEO4J_URL`: the HTTP endpoint of a Neo4j (or the Neo4j-compatible test server).
    public static var neo4jURL: String? { self.value("NEO4J_URL") }

    /// `NEO4J_USER`, when set.
    public static var neo4jUser: String? { self.value("NEO4J_USER") }

    /// `NEO4J_PASSWORD_FILE`, when set.
    public static var neo4jPasswordFile: String? { self.value("NEO4J_PASSWORD_FILE") }

    /// `NEO4J_PASSWORD`, else the trimmed contents of `NEO4J_PASSWORD_FILE`; nil when neither is set.
    public static var neo4jPassword: String? {
        if let password = self.value("NEO4J_PASSWORD") { return password }
        guard let file = self.neo4jPasswordFile, let data = FileManager.default.contents(atPath: file) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `NATS_URL`: a `nats://` URL of a NATS server with JetStream (`scripts/services/nats` starts one).
    public static var natsURL: String? { self.value("NATS_URL") }

    /// `NEO4J_DATABASE`, default `neo4j`.
    public static var neo4jDatabase: String { self.value("NEO4J_DATABASE") ?? "neo4j" }
}
