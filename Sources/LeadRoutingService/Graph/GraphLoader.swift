import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingNeo4j

/// Loads the service's graph and policy from its configured source: the one place that knows where the graph
/// comes from.
enum GraphLoader {
    /// The first graph: from the dataset directory, or from Neo4j (else its snapshot cache when Neo4j is
    /// unreachable), with the source that keeps it current. `fellBackToCache` says why the cache was used.
    static func start(
        _ configuration: ServiceConfiguration,
        clock: any WallClock,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws(ServiceConfigurationError) -> (graph: LoadedGraph, source: GraphSource, fellBackToCache: String?) {
        let policy = try Self.policy(configuration)
        guard let neo4j = try configuration.neo4jConfiguration(environment: environment), let url = configuration.neo4j else {
            guard let path = configuration.dataset else {
                throw ServiceConfigurationError(setting: "dataset", message: "no dataset directory given (or --neo4j URL)")
            }
            do {
                return (try Self.dataset(at: path, policy: policy), .dataset(path: path), nil)
            } catch {
                throw ServiceConfigurationError(setting: "dataset", message: error.message)
            }
        }
        do {
            let client = Neo4jClient(configuration: neo4j, transport: AsyncHTTPClientTransport(requestTimeout: neo4j.requestTimeout))
            let store = Neo4jGraphStore(client: client, library: try CypherLibrary.load(), clock: clock)
            let started = try await ProjectionRefresher.start(
                store: store,
                policy: policy,
                cache: configuration.snapshotCache.map { SnapshotCache(directory: $0, clock: clock) },
                interval: .milliseconds(configuration.graphPollIntervalMillis ?? 5000),
                clock: clock
            )
            let graph = LoadedGraph(router: started.refresher.holder.router, source: url, leads: started.snapshot.dataset.leads)
            return (graph, .neo4j(started.refresher, url: url), started.fellBackToCache)
        } catch {
            throw ServiceConfigurationError(setting: "neo4j", message: "\(error)")
        }
    }

    /// Loads the dataset directory at `path` and builds the router; a directory that fails validation throws
    /// ``GraphReloadError/Kind/invalidGraph`` naming the file, line and column.
    static func dataset(at path: String, policy: RoutingPolicy) throws(GraphReloadError) -> LoadedGraph {
        do {
            let loaded = try DatasetDirectory.load(from: path)
            let projection = try GraphProjection(dataset: loaded.dataset, version: loaded.fingerprint)
            return LoadedGraph(
                router: Router(projection: projection, policy: policy),
                source: path,
                leads: loaded.dataset.leads,
                merges: loaded.merges
            )
        } catch {
            throw GraphReloadError(.invalidGraph, "\(error)")
        }
    }

    /// The routing policy file (or the built-in policy).
    static func policy(_ configuration: ServiceConfiguration) throws(ServiceConfigurationError) -> RoutingPolicy {
        do {
            return try PolicyFile.loadOrDefault(configuration.policy)
        } catch {
            throw ServiceConfigurationError(setting: "policy", message: "\(error)")
        }
    }
}
