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
            Batch: reads a leads CSV (the leads.csv columns) and writes one Decision JSON per line to --out
            (stdout when absent); each assignment counts against the agent's capacity for the following leads.
            Progress goes to stderr.
            With --store every decision is committed through the lead store (migrated at start): capacity is reserved
            there (falling down the ranking if another router took the last slot), a lead id already recorded returns
            its first decision, and batch leads are retried idempotently when the store is briefly unavailable.
            A lead whose territory is not in the graph is rejected before anything is written (a batch names the file
            and line and commits nothing), unless --accept-unknown-territories records it as unroutable, to be retried
            by `lead expire` once a graph has the territory. Without --store, routing is a what-if: such a lead gets
            an unroutable decision.
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

    @Option(
        name: .long,
        help: ArgumentHelp("Commit decisions to a lead store: sqlite:PATH or postgres://… (see `migrate`).", valueName: "url")
    )
    var store: String?

    @Flag(
        name: .long,
        help: "With --store: record leads whose territory is not in the graph as unroutable (retried later) instead of rejecting them."
    )
    var acceptUnknownTerritories = false

    @Flag(name: .long, help: "Machine output: compact one-line JSON (single lead) or a JSON summary on stdout (batch with --out).")
    var json = false

    @Option(name: .long, help: "Candidate generation: projection (in memory) or cypher (asks Neo4j per lead; needs --neo4j).")
    var candidates: CandidateMode = .projection

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Threads routing a batch from the projection without --store. The decisions are those of one thread. Default: the processor count.",
            valueName: "n"
        )
    )
    var threads: Int = min(ProcessInfo.processInfo.activeProcessorCount, ParallelBatchOptions.maximumWorkers)

    func validate() throws {
        do {
            try ParallelBatchOptions(workers: self.threads).validate()
        } catch {
            throw ValidationError("--\(error.field) \(error.reason)")
        }
        if (self.lead == nil) == (self.leads == nil) {
            throw ValidationError("give exactly one of --lead FILE|- or --leads CSV")
        }
        if self.out != nil && self.leads == nil {
            throw ValidationError("--out applies to batch routing with --leads")
        }
        if let store = self.store {
            do {
                _ = try LeadStoreURL(parsing: store)
            } catch {
                throw ValidationError(error.message)
            }
            if !self.exclude.isEmpty { throw ValidationError("--exclude does not apply with --store (declines are recorded with `lead decline`)") }
        } else if self.acceptUnknownTerritories {
            throw ValidationError("--accept-unknown-territories applies with --store")
        }
    }

    func run() async throws {
        // A batch without a store: its leads file is read while the graph loads.
        let batchPath = self.store == nil ? self.leads : nil
        async let batch = Self.readBatch(batchPath)
        let loaded = try await self.graph.loadRouter()
        try loaded.router.requireAgents(self.exclude, flag: "exclude")
        if let store = self.store {
            guard self.candidates == .projection else {
                throw CLIError("--store commits decisions made on the projection; --candidates cypher is for comparison runs without a store")
            }
            try await self.routeWithStore(router: loaded.router, url: store)
            return
        }
        var decider = try LeadDecider(mode: self.candidates, loaded: loaded)
        if let leadPath = self.lead {
            try await self.routeOne(decider: &decider, path: leadPath)
        } else if let leads = try await batch {
            try await self.routeBatch(decider: &decider, leads: leads)
        }
    }

    private func routeWithStore(router: Router, url: String) async throws {
        let configuration = LeadLifecycle.Configuration(acceptUnknownTerritories: self.acceptUnknownTerritories)
        if let leadPath = self.lead {
            let bytes = try Self.readLead(path: leadPath)
            let source = leadPath == "-" ? "stdin" : leadPath
            let lead: Lead
            do {
                lead = try Lead.decode(json: bytes)
                try configuration.checkIntake(lead, graph: router.projection)
            } catch {
                throw CLIError("\(source): \(error)")
            }
            let payload = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let pretty = !self.json
            let decision = try await StoreConnector.withLifecycle(url, router: router, configuration: configuration) { lifecycle in
                try await lifecycle.route(lead, payload: payload).decision
            }
            print(try JSONOutput.string(decision, pretty: pretty))
            return
        }
        guard let leadsPath = self.leads else { return }
        let leads: [Lead]
        do {
            let numbered = try LeadsFile.loadNumbered(from: leadsPath)
            leads = numbered.leads
            // Every lead passes intake before the store is opened: a rejected batch writes nothing.
            for (lead, line) in zip(numbered.leads, numbered.lines) {
                do {
                    try configuration.checkIntake(lead, graph: router.projection)
                } catch {
                    throw CLIError("\(leadsPath):\(line): \(error)")
                }
            }
        } catch let error as CLIError {
            throw error
        } catch {
            throw CLIError("\(error)")
        }
        let output: OutputFile = try self.out.map { try OutputFile(path: $0) } ?? .standardOutput
        let summary = try await StoreConnector.withLifecycle(url, router: router, configuration: configuration) { lifecycle in
            var summary = StoreBatchSummary()
            let progress = ProgressBar()
            var buffer = Data()
            for (index, lead) in leads.enumerated() {
                let outcome = try await Self.routeRetrying(lead, lifecycle: lifecycle)
                summary.add(outcome)
                buffer.append(try JSONOutput.data(outcome.decision))
                buffer.append(10)
                if buffer.count >= 1 << 16 {
                    try output.write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
                progress.update(phase: "routing", done: index + 1, total: leads.count)
            }
            try output.write(buffer)
            progress.finish()
            return summary
        }
        try output.close()
        if self.json && self.out != nil {
            print(try JSONOutput.string(summary, pretty: false))
        } else {
            FileHandle.standardError.write(
                Data(
                    "routed \(summary.routed) of \(summary.leads) leads, \(summary.unroutable) unroutable; \(summary.committed) committed, \(summary.replayed) already recorded, \(summary.retried) retried, \(summary.fellBack) fell back\n"
                        .utf8
                )
            )
        }
    }

    /// Commits one lead, retrying with back-off while the store is unavailable (safe: commits are idempotent).
    static func routeRetrying(_ lead: Lead, lifecycle: LeadLifecycle) async throws -> CommitOutcome {
        var delay = 50
        for _ in 1..<6 {
            do {
                return try await lifecycle.route(lead)
            } catch let error as LeadStoreError where error.kind == .unavailable {
                try await Task.sleep(for: .milliseconds(delay))
                delay *= 2
            }
        }
        return try await lifecycle.route(lead)
    }

    private static func readLead(path: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read the file") }
        return Array(data)
    }

    private func routeOne(decider: inout LeadDecider, path: String) async throws {
        let bytes = try Self.readLead(path: path)
        let lead: Lead
        do {
            lead = try Lead.decode(json: bytes)
        } catch {
            throw CLIError("\(path == "-" ? "stdin" : path): \(error)")
        }
        let decision = try await decider.route(lead, excluding: Set(self.exclude))
        print(try JSONOutput.string(decision, pretty: !self.json))
    }

    /// The leads of a batch file, or nil without one.
    private static func readBatch(_ path: String?) throws -> [Lead]? {
        guard let path else { return nil }
        do {
            return try LeadsFile.load(from: path)
        } catch {
            throw CLIError("\(error)")
        }
    }

    private func routeBatch(decider: inout LeadDecider, leads: [Lead]) async throws {
        let output: OutputFile = try self.out.map { try OutputFile(path: $0) } ?? .standardOutput
        var summary = BatchSummary()
        let progress = ProgressBar()
        let progressTotal = leads.count
        var buffer = Data()
        let options = ParallelBatchOptions(workers: self.threads)
        let statistics = try await decider.routeAll(leads, excluding: Set(self.exclude), options: options) { index, decision, line in
            summary.add(decision)
            buffer.append(contentsOf: line)
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
            var parallel = ""
            if let statistics, options.workers > 1, statistics.leads > 0 {
                let kept = 100 * Double(statistics.speculativeKept) / Double(statistics.leads)
                parallel =
                    " (\(options.workers) threads: \(statistics.rerouted) leads routed again after an earlier lead took one of their candidates, \(String(format: "%.1f", kept)) % kept from the parallel pass)"
            }
            FileHandle.standardError.write(
                Data("routed \(summary.routed) of \(summary.leads) leads, \(summary.unroutable) unroutable\(parallel)\n".utf8)
            )
        }
    }
}
