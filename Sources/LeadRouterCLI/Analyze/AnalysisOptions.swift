import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// Options shared by every `analyze` subcommand: where the graph comes from and how results are printed.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset directory (CSV files, see the README). Default: the bundled fixtures/metro.", valueName: "dir"))
    var dataset: String?

    @OptionGroup var neo4j: Neo4jOptions

    @Option(name: .long, help: "Rows in the printed ranking (text and --json).")
    var top: Int = 10

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Flag(name: .long, help: "Write every agent (or territory, or group) as CSV, to --out or stdout.")
    var csv = false

    @Option(name: .long, help: ArgumentHelp("File for the --csv (or else --json) output instead of stdout.", valueName: "file"))
    var out: String?

    @Flag(name: .long, help: "No progress bar on stderr.")
    var quiet = false

    func validate() throws {
        if self.top < 0 { throw ValidationError("--top must be ≥ 0") }
        if self.out != nil && !self.csv && !self.json { throw ValidationError("--out needs --csv or --json") }
    }

    /// Loads the graph — from Neo4j with `--neo4j` (or its snapshot cache), else the dataset directory — and
    /// builds the referral digraph.
    func load() async throws -> AnalysisInput {
        let clock = ContinuousClock()
        let start = clock.now
        let loaded: LoadedDataset
        let projection: GraphProjection
        if self.neo4j.url != nil {
            let fromNeo4j = try await self.neo4j.makeRouter(policyPath: nil)
            (loaded, projection) = (fromNeo4j.loaded, fromNeo4j.router.projection)
        } else {
            let fromFiles = try LoadedProjection.load(dataset: self.dataset)
            (loaded, projection) = (fromFiles.loaded, fromFiles.projection)
        }
        let graph = WeightedDigraph(projection: projection)
        return AnalysisInput(loaded: loaded, projection: projection, graph: graph, loadSeconds: start.duration(to: clock.now).seconds)
    }

    /// A progress bar honouring `--quiet`.
    func progressBar() -> ProgressBar { ProgressBar(enabled: !self.quiet) }

    /// Prints the result: CSV (every row) with `--csv`, JSON with `--json`, else the text summary.
    /// - Parameters:
    ///   - csv: produces the CSV text (header line included); called only when asked for.
    ///   - json: the JSON value.
    ///   - text: the human summary.
    func emit<J: Encodable>(csv: () -> String, json: J, text: () -> String) throws {
        if self.csv {
            try self.write(csv(), to: self.out)
            if self.json { print(try JSONOutput.string(json, pretty: true)) }
        } else if self.json {
            try self.write(try JSONOutput.string(json, pretty: true) + "\n", to: self.out)
        } else {
            print(text(), terminator: "")
        }
    }

    private func write(_ text: String, to path: String?) throws {
        let file = try path.map { try OutputFile(path: $0) } ?? OutputFile.standardOutput
        try file.write(Data(text.utf8))
        try file.close()
    }
}

/// The graph an analysis runs on.
struct AnalysisInput {
    var loaded: LoadedDataset
    var projection: GraphProjection
    var graph: WeightedDigraph
    var loadSeconds: Double

    var agentIds: [String] { self.projection.agentIds }
}

/// CSV and text helpers shared by the analyze commands.
enum AnalysisFormat {
    /// `header` then one line per row.
    static func csv(header: String, count: Int, line: (Int) -> String) -> String {
        var text = header + "\n"
        text.reserveCapacity(count * 24)
        for i in 0..<count {
            text += line(i)
            text += "\n"
        }
        return text
    }

    /// Shortest round-trip decimal of a double (what the cross-checks parse).
    static func number(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// `text` padded with spaces to at least `width` characters.
    static func padded(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// A simple text table of ranked scores.
    static func table(_ title: String, _ rows: [RankedScore], digits: Int = 6) -> String {
        var text = title + "\n"
        for row in rows {
            text += String(format: "%4d  ", row.rank) + self.padded(row.id, 14) + String(format: " %.\(digits)f\n", row.score)
        }
        return text
    }
}
