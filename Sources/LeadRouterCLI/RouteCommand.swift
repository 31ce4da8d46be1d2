import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter route`: one lead (Lead JSON in, Decision JSON out) or a batch (leads CSV in, JSON lines out).
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Route one lead (--lead) or a batch of leads (--leads) and print explained decisions.",
        discussion: """
            One lead: reads Lead JSON from a file or '-' (stdin) and prints its Decision JSON.
            Batch: reads a leads CSV (DESIGN §4 leads.csv columns) and writes one Decision JSON per line to --out
            (stdout when absent); each assignment counts against the agent's capacity for the following leads.
            Progress goes to stderr.
            """
    )

    @OptionGroup var graph: GraphOptions

    @Option(name: .long, help: ArgumentHelp("Lead JSON file, or '-' for stdin.", valueName: "file|-"))
    var lead: String?

    @Option(name: .long, help: ArgumentHelp("Leads CSV file to route in batch.", valueName: "csv"))
    var leads: String?

    @Option(name: .long, help: ArgumentHelp("Where batch decisions go (JSON lines). Default: stdout.", valueName: "file"))
    var out: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Agent ids that must not get the lead(s).", valueName: "id"))
    var exclude: [String] = []

    @Flag(name: .long, help: "Machine output: compact one-line JSON (single lead) or a JSON summary on stdout (batch with --out).")
    var json = false

    @Option(name: .long, help: "Candidate generation: projection (in memory) or cypher (asks Neo4j per lead; needs --neo4j).")
    var candidates: CandidateMode = .projection

    func validate() throws {
        if (self.lead == nil) == (self.leads == nil) {
            throw ValidationError("give exactly one of --lead FILE|- or --leads CSV")
        }
        if self.out != nil && self.leads == nil {
            throw ValidationError("--out applies to batch routing with --leads")
        }
    }

    func run() async throws {
        let loaded = try await self.graph.loadRouter()
        var decider = try LeadDecider(mode: self.candidates, loaded: loaded)
        if let leadPath = self.lead {
            try await self.routeOne(decider: &decider, path: leadPath)
        } else if let leadsPath = self.leads {
            try await self.routeBatch(decider: &decider, path: leadsPath)
        }
    }

    private func routeOne(decider: inout LeadDecider, path: String) async throws {
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read the file") }
            bytes = Array(data)
        }
        let lead: Lead
        do {
            lead = try Lead.decode(json: bytes)
        } catch {
            throw CLIError("\(path == "-" ? "stdin" : path): \(error)")
        }
        let decision = try await decider.route(lead, excluding: Set(self.exclude))
        print(try JSONOutput.string(decision, pretty: !self.json))
    }

    private func routeBatch(decider: inout LeadDecider, path: String) async throws {
        let leads: [Lead]
        do {
            leads = try LeadsFile.load(from: path)
        } catch {
            throw CLIError("\(error)")
        }
        let output: OutputFile = try self.out.map { try OutputFile(path: $0) } ?? .standardOutput
        var summary = BatchSummary()
        let progress = ProgressBar()
        let progressTotal = leads.count
        var buffer = Data()
        let excluded = Set(self.exclude)
        for (index, lead) in leads.enumerated() {
            let decision = try await decider.route(lead, excluding: excluded)
            summary.add(decision)
            buffer.append(try JSONOutput.data(decision))
            buffer.append(10)
            if buffer.count >= 1 << 20 {
                try output.write(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
            progress.update(phase: "routing", done: index + 1, total: progressTotal)
        }
        try output.write(buffer)
        try output.close()
        progress.finish()
        if self.json && self.out != nil {
            print(try JSONOutput.string(summary, pretty: false))
        } else {
            FileHandle.standardError.write(
                Data("routed \(summary.routed) of \(summary.leads) leads, \(summary.unroutable) unroutable\n".utf8)
            )
        }
    }
}
