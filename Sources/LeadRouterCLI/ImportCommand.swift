import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingNeo4j

/// `leadrouter import --dataset DIR --neo4j URL`: loads a dataset directory into Neo4j with batched, idempotent
/// `UNWIND … MERGE` statements (cypher/import/*.cypher) after creating the constraints (cypher/schema.cypher).
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a dataset directory into Neo4j (idempotent; progress on stderr; reports rows/s).",
        discussion: """
            Running it again with the same dataset changes nothing but the updatedAt watermark. --replace first
            removes everything a previous import created (cypher/admin/clear.cypher).
            """
    )

    @Option(name: .long, help: ArgumentHelp("Dataset directory (CSV files, see the README). Default: the bundled fixtures/metro.", valueName: "dir"))
    var dataset: String?

    @OptionGroup var neo4j: Neo4jOptions

    @Option(name: .long, help: "Rows per UNWIND batch.")
    var batchSize: Int = 2000

    @Flag(name: .long, help: "Remove previously imported agents, territories, leads and their relationships first.")
    var replace = false

    @Flag(name: .long, help: "Print the report as JSON on stdout.")
    var json = false

    func validate() throws {
        if self.neo4j.url == nil { throw ValidationError("--neo4j URL is required") }
        if self.batchSize <= 0 { throw ValidationError("--batch-size must be > 0") }
    }

    func run() async throws {
        let path = try DatasetLocation.resolve(self.dataset)
        let loaded = try LoadedProjection.read(path)
        var store = try self.neo4j.makeStore()
        store = Neo4jGraphStore(
            client: store.client,
            library: store.library,
            options: .init(importBatchSize: self.batchSize),
            clock: LeadRouterCommand.clock
        )
        let progress = ProgressBar()
        let report: Neo4jGraphStore.ImportReport
        do {
            if self.replace { try await store.clear() }
            report = try await store.importDataset(loaded.dataset, fingerprint: loaded.fingerprint) { phase, done, total in
                progress.update(phase: phase, done: done, total: total)
            }
        } catch {
            progress.finish()
            throw CLIError("\(error)")
        }
        progress.finish()
        let summary = ImportSummary(
            dataset: path,
            neo4j: self.neo4j.url ?? "",
            database: self.neo4j.database,
            graphVersion: loaded.fingerprint,
            rows: report.rows,
            rowsByFile: report.rowsByFile,
            seconds: report.seconds,
            rowsPerSecond: report.rowsPerSecond
        )
        if self.json {
            print(try JSONOutput.string(summary, pretty: false))
        } else {
            print(
                "imported \(report.rows) rows from \(path) into \(self.neo4j.database) in \(String(format: "%.2f", report.seconds)) s "
                    + "(\(Int(report.rowsPerSecond)) rows/s), graph version \(loaded.fingerprint)"
            )
        }
    }
}

/// The JSON `import --json` prints.
struct ImportSummary: Codable {
    var dataset: String
    var neo4j: String
    var database: String
    var graphVersion: String
    var rows: Int
    var rowsByFile: [String: Int]
    var seconds: Double
    var rowsPerSecond: Double
}
