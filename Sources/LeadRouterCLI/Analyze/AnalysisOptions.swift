import ArgumentParser
import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingFiles

/// Options shared by every `analyze` subcommand: where the graph comes from and how results are printed.
struct AnalysisOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset directory (CSV files, see the README). Default: the bundled fixtures/metro.", valueName: "dir"))
    var dataset: String?

    @OptionGroup var neo4j: Neo4jOptions

    @Option(name: .long, help: "Rows in the printed ranking (text and --json), 0–1000.")
    var top: Int = AnalysisQuery.Default.top

    @Option(name: .long, help: "Ranked rows to skip before --top (paging through a long ranking).")
    var offset: Int = AnalysisQuery.Default.offset

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Flag(name: .long, help: "Write every agent (or territory, or group) as CSV, to --out or stdout.")
    var csv = false

    @Option(name: .long, help: ArgumentHelp("File for the --csv (or else --json) output instead of stdout.", valueName: "file"))
    var out: String?

    @Flag(name: .long, help: "No progress bar on stderr.")
    var quiet = false

    func validate() throws {
        if self.out != nil && !self.csv && !self.json { throw ValidationError("--out needs --csv or --json") }
    }

    /// Loads the graph — from Neo4j with `--neo4j` (or its snapshot cache), else the dataset directory.
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
        return AnalysisInput(loaded: loaded, projection: projection, loadSeconds: start.duration(to: clock.now).seconds)
    }

    /// The query of `parameters` with `--top` and `--offset`; an invalid value is a usage error naming its flag.
    func query(_ parameters: AnalysisQuery.Parameters) throws -> AnalysisQuery {
        do {
            return try AnalysisQuery(parameters, top: self.top, offset: self.offset)
        } catch {
            throw ValidationError(Self.message(error))
        }
    }

    /// Checks the pictures' prerequisites, loads the graph and runs the query of `parameters` through the core's
    /// ``NetworkAnalysis``, with a progress bar on stderr.
    /// - Parameters:
    ///   - pictures: the pictures asked for, checked (``AnalysisPicture/check(_:)``) before any work.
    ///   - groups: the agent groups the query needs (`leakage` by brokerage), from the loaded input.
    func run(
        _ parameters: AnalysisQuery.Parameters,
        pictures: [AnalysisPicture] = [],
        groups: (AnalysisInput) throws -> AgentGroups? = { _ in nil }
    ) async throws -> (input: AnalysisInput, outcome: AnalysisOutcome) {
        let query = try self.query(parameters)
        try AnalysisPicture.check(pictures)
        let input = try await self.load()
        let analysis = NetworkAnalysis(projection: input.projection, leads: input.loaded.dataset.leads, groups: try groups(input))
        let progress = ProgressBar(enabled: !self.quiet)
        do {
            let outcome = try analysis.run(query) { progress.update(phase: $0, done: $1, total: $2) }
            progress.finish()
            return (input, outcome)
        } catch let error as AnalysisQueryError {
            progress.finish()
            throw CLIError(Self.message(error))
        } catch {
            progress.finish()
            throw CLIError("\(query.algorithm.rawValue): \(error)")
        }
    }

    /// An invalid parameter against its flag, e.g. `--damping: must be in [0, 1]`.
    static func message(_ error: AnalysisQueryError) -> String { "--\(error.parameter.rawValue): \(error.reason)" }

    /// The error of a subcommand handed another algorithm's outcome (a defect).
    static func mismatch(_ outcome: AnalysisOutcome) -> CLIError { CLIError("internal error: unexpected \(type(of: outcome.report))") }

    /// Prints the result: CSV (every row) with `--csv`, JSON with `--json`, else the text summary; then writes the
    /// pictures. The report comes first, so a picture that fails (reported at the end, exit status 1) never
    /// costs it.
    /// - Parameters:
    ///   - csv: produces the CSV text (header line included); called only when asked for.
    ///   - json: the JSON value.
    ///   - text: the human summary.
    ///   - pictures: each picture asked for with its source text (SVG or DOT), made only when asked for.
    func emit<J: Encodable>(csv: () -> String, json: J, text: () -> String, pictures: [(AnalysisPicture, () -> String)] = []) throws {
        if self.csv {
            try self.write(csv(), to: self.out)
            if self.json { print(try JSONOutput.string(json, pretty: true)) }
        } else if self.json {
            try self.write(try JSONOutput.string(json, pretty: true) + "\n", to: self.out)
        } else {
            print(text(), terminator: "")
        }
        var failures = [String]()
        for (picture, source) in pictures {
            do {
                try picture.write(source())
            } catch {
                failures.append("\(picture.flag) \(picture.path): \(error)")
            }
        }
        guard failures.isEmpty else {
            throw CLIError(failures.joined(separator: "\n") + "\n(the report above is complete; only the picture failed)")
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
    var loadSeconds: Double

    /// The name of agent `id` when the dataset has one different from the id.
    func agentName(_ id: String) -> String? {
        guard let index = self.projection.agent(id) else { return nil }
        let name = self.loaded.dataset.agents[Int(index)].name
        return name.isEmpty || name == id ? nil : name
    }

    /// Agent id with its name when it has one (chart labels): `Wei Wu (A0000347)`.
    func label(id: String) -> String { self.agentName(id).map { "\($0) (\(id))" } ?? id }

    /// The text summaries with this dataset's agent and territory names.
    var text: AnalysisText {
        var names = [String: String]()
        for territory in self.loaded.dataset.territories where !territory.name.isEmpty && territory.name != territory.id {
            names[territory.id] = territory.name
        }
        return AnalysisText(agentName: self.agentName, territoryName: { names[$0] })
    }
}

/// An `analyze` subcommand: its flags give the parameters of one ``AnalysisQuery``, validated with the shared
/// `--top`/`--offset` before anything is loaded.
protocol AnalyzeSubcommand: AsyncParsableCommand {
    var options: AnalysisOptions { get }
    /// The algorithm and its parameters from the flags.
    var parameters: AnalysisQuery.Parameters { get }
}

extension AnalyzeSubcommand {
    func validate() throws {
        _ = try self.options.query(self.parameters)
    }
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
}
