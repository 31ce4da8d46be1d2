import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingSQL
import LeadRoutingStores

/// `leadrouter bench store`: committed decisions per second and commit latency through a lead store.
struct BenchStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Route and commit N leads through a lead store with C concurrent tasks; print decisions/s and p50/p99 commit latency (JSON).",
        discussion: """
            The store given is never touched: the run uses a scratch store of the same kind, made for it and dropped \
            at the end (also on error): SQLite in a temporary file, Postgres in a new schema leadrouter_bench_<random> \
            of the given database (if one cannot be created, the run refuses). Leads are the dataset's leads, cycled; \
            agent capacities are raised to --capacity so the run measures the commit path, not running out of agents.
            """
    )

    @OptionGroup var graph: GraphOptions
    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Concurrent committing tasks.")
    var concurrency: Int = 4

    @Option(name: .long, help: "Leads to commit.")
    var leads: Int = 5000

    @Option(name: .long, help: "Capacity given to every agent for the run.")
    var capacity: Int = 1_000_000

    @Flag(
        name: .long,
        help:
            "Run a new lead's decision-commit program calls inside an explicit transaction, not one statement each, for comparison."
    )
    var generalCommit = false

    func validate() throws {
        if !(1...256).contains(self.concurrency) { throw ValidationError("--concurrency must be 1–256") }
        if self.leads < 1 { throw ValidationError("--leads must be at least 1") }
        if self.capacity < 1 { throw ValidationError("--capacity must be at least 1") }
    }

    func run() async throws {
        let loaded = try self.graph.makeRouter()
        var dataset = loaded.loaded.dataset
        guard !dataset.leads.isEmpty else { throw CLIError("\(loaded.loaded.path): the dataset has no leads to benchmark with") }
        for i in dataset.agents.indices { dataset.agents[i].capacity = max(dataset.agents[i].capacity, self.capacity) }
        let projection = try GraphProjection(dataset: dataset, version: loaded.loaded.fingerprint)
        let router = Router(projection: projection, policy: loaded.router.policy)
        let runId = String(LeadRouterCommand.clock.nowMillis(), radix: 36)
        let template = dataset.leads
        let count = self.leads
        let concurrency = self.concurrency
        let url = self.store.store
        let generalCommit = self.generalCommit
        let result = try await StoreConnector.withScratchStore(url) { opened, area in
            var store = opened
            if generalCommit, let switchable = opened as? any GeneralCommitSwitchable { store = switchable.withGeneralCommitOnly() }
            let lifecycle = LeadLifecycle(router: router, store: store, clock: LeadRouterCommand.clock)
            try await lifecycle.start()
            let clock = ContinuousClock()
            let start = clock.now
            let latencies = try await withThrowingTaskGroup(of: [Double].self) { group in
                for worker in 0..<concurrency {
                    group.addTask {
                        var latencies: [Double] = []
                        var index = worker
                        while index < count {
                            var lead = template[index % template.count]
                            lead.id = "bench-\(runId)-\(index)"
                            let began = clock.now
                            _ = try await lifecycle.route(lead)
                            latencies.append(began.duration(to: clock.now).seconds * 1000)
                            index += concurrency
                        }
                        return latencies
                    }
                }
                var all: [Double] = []
                for try await part in group { all += part }
                return all
            }
            let seconds = start.duration(to: clock.now).seconds
            let sorted = latencies.sorted()
            func percentile(_ p: Double) -> Double {
                sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((p * Double(sorted.count)).rounded(.down)))]
            }
            return BenchStoreReport(
                store: LeadStoreURL.redacted(url),
                scratch: area.description,
                leads: count,
                concurrency: concurrency,
                seconds: seconds,
                decisionsPerSecond: Double(count) / seconds,
                p50CommitMs: percentile(0.50),
                p99CommitMs: percentile(0.99),
                maxCommitMs: sorted.last ?? 0
            )
        }
        print(try JSONOutput.string(result, pretty: false))
    }
}

struct BenchStoreReport: Codable, Sendable {
    var store: String
    /// Where the run committed (never the store named by `store`).
    var scratch: String
    var leads: Int
    var concurrency: Int
    var seconds: Double
    var decisionsPerSecond: Double
    var p50CommitMs: Double
    var p99CommitMs: Double
    var maxCommitMs: Double
}
