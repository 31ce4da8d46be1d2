import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingNeo4j

/// `--dataset` and `--policy`, shared by the commands that route.
struct GraphOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset directory (CSV files, see the README). Default: the bundled fixtures/metro.", valueName: "dir"))
    var dataset: String?

    @Option(name: .long, help: ArgumentHelp("Routing policy JSON file. Default: the built-in policy.", valueName: "file"))
    var policy: String?

    @OptionGroup var neo4j: Neo4jOptions

    /// The router, from Neo4j when `--neo4j` is given, else from the dataset directory.
    func loadRouter() async throws -> LoadedRouter {
        if self.neo4j.url != nil { return try await self.neo4j.makeRouter(policyPath: self.policy) }
        return try self.makeRouter()
    }

    /// Loads the dataset and policy and builds the router.
    func makeRouter() throws -> LoadedRouter {
        let graph = try LoadedProjection.load(dataset: self.dataset)
        let policy: RoutingPolicy
        do {
            policy = try PolicyFile.loadOrDefault(self.policy)
        } catch {
            throw CLIError("\(error)")
        }
        return LoadedRouter(
            router: Router(projection: graph.projection, policy: policy),
            loaded: graph.loaded,
            decodeSeconds: graph.decodeSeconds,
            projectionSeconds: graph.projectionSeconds
        )
    }
}

/// A dataset directory read, decoded and projected, with how long each step took.
struct LoadedProjection {
    var loaded: LoadedDataset
    var projection: GraphProjection
    /// Reading and decoding the CSV files.
    var decodeSeconds: Double
    /// Building the projection from the decoded dataset.
    var projectionSeconds: Double

    /// Loads `dataset` (or the bundled dataset when nil); errors name the file, line and column.
    static func load(dataset: String?) throws -> LoadedProjection {
        let path = try DatasetLocation.resolve(dataset)
        let clock = ContinuousClock()
        let start = clock.now
        let loaded = try Self.read(path)
        let decoded = clock.now
        let projection: GraphProjection
        do {
            projection = try GraphProjection(dataset: loaded.dataset, version: loaded.fingerprint)
        } catch {
            throw CLIError("\(path): \(error)")
        }
        return LoadedProjection(
            loaded: loaded,
            projection: projection,
            decodeSeconds: start.duration(to: decoded).seconds,
            projectionSeconds: decoded.duration(to: clock.now).seconds
        )
    }
}

extension LoadedProjection {
    /// Reads and decodes the dataset directory at `path`, with a progress bar on a terminal, and says on stderr
    /// which repeated rows were merged.
    static func read(_ path: String) throws -> LoadedDataset {
        let progress = ProgressBar(enabled: ProgressBar.standardErrorIsTerminal)
        let loaded: LoadedDataset
        do {
            loaded = try DatasetDirectory.load(from: path) { file, done, total in progress.update(phase: file, done: done, total: total) }
        } catch {
            progress.finish()
            throw CLIError("\(error)")
        }
        progress.finish()
        if !loaded.merges.isEmpty { FileHandle.standardError.write(Data("\(path): \(loaded.merges.summary)\n".utf8)) }
        return loaded
    }
}

/// A router with the dataset it was built from and how long loading took.
struct LoadedRouter {
    var router: Router
    var loaded: LoadedDataset
    /// Reading and decoding the CSV files.
    var decodeSeconds: Double
    /// Building the projection from the decoded dataset.
    var projectionSeconds: Double
    /// The Neo4j snapshot and store when the graph came from `--neo4j` (for `--candidates cypher`).
    var snapshot: GraphSnapshot? = nil
    var store: Neo4jGraphStore? = nil
}
