import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter bench route`: dataset load speed, projection size and single-thread routing latency.
struct BenchRouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Measure dataset load, projection size and single-thread routing (decisions/s, p50/p99 µs).",
        discussion: """
            Routes the dataset's leads in batch mode (capacity counted), cycling through them with fresh ids
            when --leads exceeds their number. Build with -c release for meaningful figures. Prints JSON.
            """
    )

    @OptionGroup var graph: GraphOptions

    @Option(name: .long, help: "Number of decisions to time (default: every lead in the dataset).")
    var leads: Int?

    @Option(name: .long, help: "Untimed decisions before measuring.")
    var warmup: Int = 1000

    @Option(name: .long, help: "Candidate generation: projection (in memory) or cypher (asks Neo4j per lead; needs --neo4j).")
    var candidates: CandidateMode = .projection

    @Option(
        name: .long,
        help: "Router search: pruned (default: skips candidates that cannot win) or exhaustive (scores all); same decisions."
    )
    var search: RoutingSearch = .pruned

    func validate() throws {
        if let leads = self.leads, leads <= 0 { throw ValidationError("--leads must be > 0") }
        if self.warmup < 0 { throw ValidationError("--warmup must be ≥ 0") }
    }

    func run() async throws {
        let loaded = try await self.graph.loadRouter()
        let dataset = loaded.loaded.dataset
        guard !dataset.leads.isEmpty else { throw CLIError("\(loaded.loaded.path): the dataset has no leads to route") }
        let count = self.leads ?? dataset.leads.count
        var leads = [Lead]()
        leads.reserveCapacity(count)
        for i in 0..<count {
            var lead = dataset.leads[i % dataset.leads.count]
            if i >= dataset.leads.count { lead.id = "\(lead.id)#\(i / dataset.leads.count)" }
            leads.append(lead)
        }
        let progress = ProgressBar()
        let progressTotal = count
        let report: RouteBenchmarkReport
        switch self.candidates {
        case .projection:
            let router = Router(projection: loaded.router.projection, policy: loaded.router.policy, search: self.search)
            report = RouteBenchmark(clock: ContinuousClock()).run(router: router, leads: leads, warmup: self.warmup) {
                progress.update(phase: "routing", done: $0, total: progressTotal)
            }
        case .cypher:
            var warm = try LeadDecider(mode: .cypher, loaded: loaded)
            for lead in leads.prefix(self.warmup) { _ = try await warm.route(lead, excluding: []) }
            var decider = try LeadDecider(mode: .cypher, loaded: loaded)
            let clock = ContinuousClock()
            var latencies: [Int64] = []
            var routed = 0
            let start = clock.now
            for (index, lead) in leads.enumerated() {
                let before = clock.now
                let decision = try await decider.route(lead, excluding: [])
                let elapsed = before.duration(to: clock.now)
                latencies.append(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
                if decision.status == .routed { routed += 1 }
                progress.update(phase: "routing (cypher)", done: index + 1, total: progressTotal)
            }
            report = RouteBenchmarkReport(decisions: leads.count, routed: routed, total: start.duration(to: clock.now), latencies: latencies)
        }
        progress.finish()
        let projection = loaded.router.projection
        let footprint = projection.footprint
        let rows = dataset.rowCount
        let loadSeconds = loaded.decodeSeconds + loaded.projectionSeconds
        let result = BenchRouteResult(
            dataset: loaded.loaded.path,
            candidates: self.candidates.rawValue,
            search: self.search.rawValue,
            graphVersion: projection.version,
            agents: projection.agentCount,
            territories: projection.territoryCount,
            referrals: projection.referralCount,
            csvRows: rows,
            csvBytes: loaded.loaded.byteCount,
            decodeSeconds: loaded.decodeSeconds,
            projectionSeconds: loaded.projectionSeconds,
            loadSeconds: loadSeconds,
            csvRowsPerSecond: loaded.decodeSeconds > 0 ? Double(rows) / loaded.decodeSeconds : 0,
            projectionBytes: footprint.totalBytes,
            projectionBytesPerReferral: projection.referralCount > 0 ? Double(footprint.totalBytes) / Double(projection.referralCount) : 0,
            footprint: footprint,
            routing: report,
            peakResidentBytes: ProcessMemory.peakResidentBytes()
        )
        print(try JSONOutput.string(result, pretty: true))
    }
}

/// The JSON `bench route` prints.
struct BenchRouteResult: Codable {
    var dataset: String
    var candidates: String
    var search: String
    var graphVersion: String
    var agents: Int
    var territories: Int
    var referrals: Int
    var csvRows: Int
    var csvBytes: Int
    var decodeSeconds: Double
    var projectionSeconds: Double
    var loadSeconds: Double
    var csvRowsPerSecond: Double
    var projectionBytes: Int
    var projectionBytesPerReferral: Double
    var footprint: ProjectionFootprint
    var routing: RouteBenchmarkReport
    var peakResidentBytes: Int?
}
