import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingNeo4j

/// `--neo4j URL` and friends, shared by `route`, `demo`, `bench route` and `import`. Secrets never travel as
/// flag values (they would show in process lists): the password comes from `--neo4j-password-file` or
/// `NEO4J_PASSWORD`, a bearer token from `--neo4j-token-file` or `NEO4J_TOKEN`.
struct Neo4jOptions: ParsableArguments {
    @Option(
        name: .customLong("neo4j"),
        help: ArgumentHelp("Neo4j HTTP URL (e.g. http://localhost:7474): the graph comes from Neo4j.", valueName: "url")
    )
    var url: String?

    @Option(name: .customLong("neo4j-database"), help: ArgumentHelp("Neo4j database.", valueName: "name"))
    var database: String = "neo4j"

    @Option(name: .customLong("neo4j-user"), help: ArgumentHelp("Neo4j user (basic auth). Default: $NEO4J_USER.", valueName: "user"))
    var user: String?

    @Option(name: .customLong("neo4j-password-file"), help: ArgumentHelp("File holding the password. Default: $NEO4J_PASSWORD.", valueName: "file"))
    var passwordFile: String?

    @Option(
        name: .customLong("neo4j-token-file"),
        help: ArgumentHelp("File holding a bearer token (instead of user/password). Default: $NEO4J_TOKEN.", valueName: "file")
    )
    var tokenFile: String?

    @Option(
        name: .customLong("neo4j-api"),
        help: ArgumentHelp("HTTP API: automatic (from discovery), query (Query API v2) or tx (transactional).", valueName: "api")
    )
    var api: String = "automatic"

    @Option(
        name: .customLong("snapshot-cache"),
        help: ArgumentHelp("Directory for the local snapshot cache: written after each load, used when Neo4j is unreachable.", valueName: "dir")
    )
    var snapshotCache: String?

    func validate() throws {
        if Neo4jConfiguration.API(rawValue: self.api) == nil { throw ValidationError("--neo4j-api must be automatic, query or tx") }
    }

    func configuration() throws -> Neo4jConfiguration {
        guard let url = self.url else { throw CLIError("--neo4j URL is required") }
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw CLIError("--neo4j must be an http:// or https:// URL") }
        let credentials: Neo4jConfiguration.Credentials
        do {
            credentials = try .resolve(
                user: self.user,
                passwordFile: self.passwordFile,
                tokenFile: self.tokenFile,
                environment: ProcessInfo.processInfo.environment
            )
        } catch {
            throw CLIError(error.message)
        }
        return Neo4jConfiguration(
            url: url,
            database: self.database,
            credentials: credentials,
            api: Neo4jConfiguration.API(rawValue: self.api) ?? .automatic
        )
    }

    func makeStore() throws -> Neo4jGraphStore {
        let configuration = try self.configuration()
        let client = Neo4jClient(configuration: configuration, transport: AsyncHTTPClientTransport(requestTimeout: configuration.requestTimeout))
        do {
            return Neo4jGraphStore(client: client, library: try CypherLibrary.load(), clock: LeadRouterCommand.clock)
        } catch {
            throw CLIError("\(error)")
        }
    }

    /// Loads the projection from Neo4j (or the snapshot cache when Neo4j is unreachable) and builds the router.
    func makeRouter(policyPath: String?) async throws -> LoadedRouter {
        let store = try self.makeStore()
        let policy: RoutingPolicy
        do {
            policy = try PolicyFile.loadOrDefault(policyPath)
        } catch {
            throw CLIError("\(error)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let started: ProjectionRefresher.Started
        do {
            started = try await ProjectionRefresher.start(
                store: store,
                policy: policy,
                cache: self.snapshotCache.map { SnapshotCache(directory: $0, clock: LeadRouterCommand.clock) },
                clock: LeadRouterCommand.clock
            )
        } catch {
            throw CLIError("\(error)")
        }
        if let reason = started.fellBackToCache {
            FileHandle.standardError.write(Data("warning: \(reason)\n".utf8))
        }
        let router = started.refresher.holder.router
        let seconds = start.duration(to: clock.now).seconds
        return LoadedRouter(
            router: router,
            loaded: LoadedDataset(dataset: started.snapshot.dataset, fingerprint: router.projection.version, byteCount: 0, path: self.url ?? ""),
            decodeSeconds: seconds,
            projectionSeconds: 0,
            snapshot: started.snapshot,
            store: store
        )
    }
}
