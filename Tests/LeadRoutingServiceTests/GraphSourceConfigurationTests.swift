import Foundation
import LeadRoutingNeo4j
import LeadRoutingService
import LeadRoutingTestSupport
import Testing

/// The graph source settings: every source (flags, environment, file), their defaults and the errors naming them.
@Suite("Service configuration: graph source")
struct GraphSourceConfigurationTests {
    typealias S = ServiceTestSupport

    @Test func defaultsAndEnvironment() throws {
        let defaults = ServiceConfiguration()
        #expect(defaults.neo4j == nil && defaults.neo4jDatabase == "neo4j" && defaults.neo4jApi == "automatic")
        #expect(defaults.graphPollIntervalMillis == 5000 && defaults.graphStaleAfterMillis == 300_000)
        let environment = [
            "LEADROUTER_NEO4J": "http://graph:7474", "LEADROUTER_NEO4J_DATABASE": "routing", "LEADROUTER_NEO4J_USER": "reader",
            "LEADROUTER_NEO4J_API": "tx", "LEADROUTER_SNAPSHOT_CACHE": "/var/cache/lr", "LEADROUTER_GRAPH_POLL_INTERVAL": "2s",
            "LEADROUTER_GRAPH_STALE_AFTER": "1m",
        ]
        var flags = ServiceConfiguration.Overrides()
        flags.graphPollInterval = "500ms"
        let configuration = try ServiceConfiguration.resolve(flags: flags, environment: environment)
        #expect(configuration.neo4j == "http://graph:7474" && configuration.neo4jDatabase == "routing" && configuration.neo4jUser == "reader")
        #expect(configuration.neo4jApi == "tx" && configuration.snapshotCache == "/var/cache/lr")
        #expect(configuration.graphPollIntervalMillis == 500, "the flag beats the environment")
        #expect(configuration.graphStaleAfterMillis == 60_000)
    }

    @Test func theConfigurationFileNamesTheGraphSource() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-config")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("config.json").path
        try #"{"neo4j":"https://graph.example","neo4jTokenFile":"/run/token","graphPollInterval":"10s"}"#.write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
        var flags = ServiceConfiguration.Overrides()
        flags.config = path
        let configuration = try ServiceConfiguration.resolve(flags: flags, environment: [:])
        #expect(configuration.neo4j == "https://graph.example" && configuration.neo4jTokenFile == "/run/token")
        #expect(configuration.graphPollIntervalMillis == 10_000)
    }

    @Test func credentialsComeFromFilesOrTheEnvironmentNeverFromValues() throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-config")
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password").path
        try "secret\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        var configuration = S.configuration()
        configuration.dataset = nil
        configuration.neo4j = "http://127.0.0.1:7474"
        configuration.neo4jUser = "reader"
        configuration.neo4jPasswordFile = passwordFile
        try configuration.validate()
        let neo4j = try #require(try configuration.neo4jConfiguration(environment: [:]))
        #expect(neo4j.credentials.description == "basic(user: reader, password: <redacted>)")
        configuration.neo4jPasswordFile = nil
        #expect(try configuration.neo4jConfiguration(environment: ["NEO4J_PASSWORD": "pw"])?.credentials.description.hasPrefix("basic") == true)
        let error = #expect(throws: ServiceConfigurationError.self) { try configuration.neo4jConfiguration(environment: [:]) }
        #expect(error?.message.contains("needs a password") == true)
        configuration.neo4jUser = nil
        #expect(try configuration.neo4jConfiguration(environment: ["NEO4J_TOKEN": "t"])?.credentials.description == "bearer(<redacted>)")
    }

    @Test(arguments: ["both", "neither", "scheme", "api", "password-file", "poll", "poll-zero", "stale"])
    func invalidGraphSourcesAreNamed(case name: String) {
        var configuration = S.configuration()
        var setting = "neo4j"
        switch name {
        case "both": configuration.neo4j = "http://127.0.0.1:7474"
        case "neither":
            configuration.dataset = nil
            setting = "dataset"
        case "scheme":
            configuration.dataset = nil
            configuration.neo4j = "bolt://127.0.0.1:7687"
        case "api":
            configuration.dataset = nil
            configuration.neo4j = "http://127.0.0.1:7474"
            configuration.neo4jApi = "bolt"
            setting = "neo4j-api"
        case "password-file":
            configuration.dataset = nil
            configuration.neo4j = "http://127.0.0.1:7474"
            configuration.neo4jPasswordFile = "/nonexistent"
            setting = "neo4j-password-file"
        case "poll":
            configuration.graphPollInterval = "often"
            setting = "graph-poll-interval"
        case "poll-zero":
            configuration.graphPollInterval = "0"
            setting = "graph-poll-interval"
        default:
            configuration.graphStaleAfter = "-"
            setting = "graph-stale-after"
        }
        do {
            try configuration.validate()
            Issue.record("expected \(setting) to be rejected (\(name))")
        } catch {
            #expect(error.setting == setting, "\(name): \(error)")
        }
    }
}
