import ArgumentParser
import Foundation
import LeadRoutingTestSupport
import Testing

@testable import LeadRouterCLI
@testable import LeadRoutingNeo4j

/// Argument parsing in process, as swift-argument-parser's own tests do: parse from the root command, cast to the
/// subcommand, check the fields; bad values are validation errors with a message naming the flag.
@Suite struct CommandParsingTests {
    func parse<Command: ParsableCommand>(_ type: Command.Type, _ arguments: [String]) throws -> Command {
        let parsed = try LeadRouterCommand.parseAsRoot(arguments)
        return try #require(parsed as? Command, "parsed as \(Swift.type(of: parsed))")
    }

    /// The message the CLI prints for arguments that do not parse; nil when they do.
    func failure(_ arguments: [String]) -> String? {
        do {
            _ = try LeadRouterCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return LeadRouterCommand.message(for: error)
        }
    }

    @Test func benchStoreTakesTheStoreAndItsKnobs() throws {
        let command = try self.parse(
            BenchStoreCommand.self,
            [
                "bench", "store", "--store", "sqlite::memory:", "--dataset", "fixtures/tiny", "--concurrency", "8", "--leads", "120",
                "--capacity", "50", "--general-commit",
            ]
        )
        #expect(command.store.store == "sqlite::memory:")
        #expect(command.graph.dataset == "fixtures/tiny")
        #expect(command.concurrency == 8)
        #expect(command.leads == 120)
        #expect(command.capacity == 50)
        #expect(command.generalCommit)
    }

    @Test func benchStoreDefaults() throws {
        let command = try self.parse(BenchStoreCommand.self, ["bench", "store", "--store", "sqlite:/tmp/bench.sqlite"])
        #expect(command.store.store == "sqlite:/tmp/bench.sqlite")
        #expect(command.graph.dataset == nil)
        #expect(command.concurrency == 4)
        #expect(command.leads == 5000)
        #expect(command.capacity == 1_000_000)
        #expect(!command.generalCommit)
    }

    @Test(arguments: [
        (["bench", "store"], "--store"),
        (["bench", "store", "--store", "mysql://db"], "mysql"),
        (["bench", "store", "--store", "sqlite::memory:", "--concurrency", "0"], "--concurrency must be 1–256"),
        (["bench", "store", "--store", "sqlite::memory:", "--concurrency", "257"], "--concurrency must be 1–256"),
        (["bench", "store", "--store", "sqlite::memory:", "--leads", "0"], "--leads must be at least 1"),
        (["bench", "store", "--store", "sqlite::memory:", "--capacity", "0"], "--capacity must be at least 1"),
        (["bench", "store", "--store", "sqlite::memory:", "--leads", "many"], "many"),
    ])
    func benchStoreRejectsBadValues(arguments: [String], mention: String) throws {
        let message = try #require(self.failure(arguments), "\(arguments) parsed")
        #expect(message.contains(mention), "\(message)")
    }

    @Test func demoTakesADataDirectory() throws {
        let command = try self.parse(DemoCommand.self, ["demo", "--data-dir", "/tmp/demo-records", "--dataset", "fixtures/tiny", "--json"])
        #expect(command.dataDir == "/tmp/demo-records")
        #expect(command.graph.dataset == "fixtures/tiny")
        #expect(command.json)
        #expect(command.examples == 3)
        #expect(try self.parse(DemoCommand.self, ["demo"]).dataDir == nil)
        #expect(self.failure(["demo", "--data-dir"])?.contains("--data-dir") == true)
        #expect(self.failure(["demo", "--examples", "21"])?.contains("--examples must be between 0 and 20") == true)
    }

    @Test func neo4jOptionsOnRouteAndServe() throws {
        // Credentials from flags, so the result does not depend on NEO4J_* in the test's environment.
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password").path
        try "secret\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let route = try self.parse(
            RouteCommand.self,
            [
                "route", "--leads", "fixtures/tiny/leads.csv", "--neo4j", "http://127.0.0.1:7474", "--neo4j-api", "tx", "--snapshot-cache",
                "/tmp/cache", "--neo4j-database", "graph", "--neo4j-user", "reader", "--neo4j-password-file", passwordFile,
            ]
        )
        let neo4j = route.graph.neo4j
        #expect(neo4j.url == "http://127.0.0.1:7474")
        #expect(neo4j.api == "tx")
        #expect(neo4j.snapshotCache == "/tmp/cache")
        let configuration = try neo4j.configuration()
        #expect(configuration.api == .transactional)
        #expect(configuration.database == "graph")
        #expect(configuration.url == "http://127.0.0.1:7474")
        #expect(configuration.credentials.description == "basic(user: reader, password: <redacted>)")
        #expect(configuration.credentials.authorizationHeader == "Basic " + Data("reader:secret".utf8).base64EncodedString())

        let serve = try self.parse(
            ServeCommand.self,
            [
                "serve", "--neo4j", "http://localhost:7474", "--neo4j-api", "query", "--port", "0", "--insecure-no-auth", "--neo4j-user",
                "reader", "--neo4j-password-file", passwordFile,
            ]
        )
        #expect(serve.graph.neo4j.url == "http://localhost:7474")
        #expect(try serve.graph.neo4j.configuration().api == .queryV2)
        #expect(serve.graph.neo4j.snapshotCache == nil)
        #expect(serve.port == 0)
        #expect(serve.insecureNoAuth)
        #expect(try self.parse(ServeCommand.self, ["serve"]).graph.neo4j.api == "automatic")
    }

    @Test func serveGraphRefreshFlags() throws {
        let serve = try self.parse(ServeCommand.self, ["serve", "--graph-poll-interval", "200ms", "--graph-stale-after", "1m"])
        #expect(serve.graphPollInterval == "200ms" && serve.graphStaleAfter == "1m")
        let defaults = try self.parse(ServeCommand.self, ["serve"])
        #expect(defaults.graphPollInterval == nil && defaults.graphStaleAfter == nil)
    }

    @Test func serveLifecycleFlags() throws {
        let serve = try self.parse(
            ServeCommand.self,
            [
                "serve", "--offer-sla", "2s", "--max-route-attempts", "3", "--no-reroute-on-pause", "--nats", "nats://127.0.0.1:4222",
                "--nats-stream", "S",
            ]
        )
        #expect(serve.offerSLA == "2s" && serve.maxRouteAttempts == 3 && serve.rerouteOnPause == false)
        #expect(serve.nats == "nats://127.0.0.1:4222" && serve.natsStream == "S")
        #expect(try self.parse(ServeCommand.self, ["serve"]).rerouteOnPause == nil)
        #expect(try self.parse(ServeCommand.self, ["serve", "--reroute-on-pause"]).rerouteOnPause == true)
    }

    @Test func serveWebhookFlags() throws {
        let serve = try self.parse(
            ServeCommand.self,
            [
                "serve", "--webhook", "http://127.0.0.1:9/a", "--webhook", "https://example.com/b", "--webhook-secret", "s3cret",
                "--webhook-max-attempts", "4", "--webhook-retry-delay", "250ms",
            ]
        )
        #expect(serve.webhooks == ["http://127.0.0.1:9/a", "https://example.com/b"])
        #expect(serve.webhookSecret == "s3cret" && serve.webhookMaxAttempts == 4 && serve.webhookRetryDelay == "250ms")
        let plain = try self.parse(ServeCommand.self, ["serve"])
        #expect(plain.webhooks.isEmpty && plain.webhookSecret == nil && plain.webhookMaxAttempts == nil)
    }

    @Test func servePeriodicRebalanceFlags() throws {
        let serve = try self.parse(ServeCommand.self, ["serve", "--rebalance-every", "15m", "--rebalance-scope", "open"])
        #expect(serve.rebalanceEvery == "15m" && serve.rebalanceScope == "open")
        let defaults = try self.parse(ServeCommand.self, ["serve"])
        #expect(defaults.rebalanceEvery == nil && defaults.rebalanceScope == nil)
    }

    @Test func badNeo4jValuesAreNamed() throws {
        let message = try #require(self.failure(["route", "--neo4j", "http://x:7474", "--neo4j-api", "bolt"]))
        #expect(message.contains("--neo4j-api must be automatic, query or tx"), "\(message)")
        #expect(self.failure(["serve", "--neo4j-api", "bolt"])?.contains("--neo4j-api") == true)
        // The URL scheme is checked when the configuration is built.
        let route = try self.parse(RouteCommand.self, ["route", "--leads", "x.csv", "--neo4j", "bolt://localhost:7687"])
        #expect(throws: CLIError.self) { try route.graph.neo4j.configuration() }
    }
}
