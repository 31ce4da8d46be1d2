import ArgumentParser
import Foundation
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter bench analyze`: seconds per analysis algorithm on one dataset.
struct BenchAnalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Time every analysis algorithm on a dataset and print seconds per algorithm as JSON.",
        discussion: """
            Runs PageRank (NetworkX default tolerance and a precise 1e-10), sampled betweenness (--k pivots), \
            Louvain, weak and strong components, reciprocity, top referrers, 2-hop reach of the top referrer, \
            leakage by community and coverage gaps, once each after loading. Build with -c release for meaningful \
            figures; scripts/bench-analyze compares them with igraph and NetworkX.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Dataset directory. Default: the bundled fixtures/metro.", valueName: "dir"))
    var dataset: String?

    @Option(name: .long, help: "Pivots for sampled betweenness.")
    var k: Int = 256

    @Option(name: .long, help: "Seed for the betweenness pivots and the Louvain node order.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "No progress bar on stderr.")
    var quiet = false

    func validate() throws {
        if self.k <= 0 { throw ValidationError("--k must be > 0") }
    }

    func run() async throws {
        let options = try AnalysisOptions.parse(self.dataset.map { ["--dataset", $0] } ?? [])
        let input = try await options.load()
        let progress = ProgressBar(enabled: !self.quiet)
        let clock = ContinuousClock()
        var seconds = [String: Double]()
        var cpuSeconds = [String: Double]()
        var figures = [String: Double]()
        func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let start = clock.now
            let cpuStart = Self.processCPUSeconds()
            let value = try body()
            seconds[name] = start.duration(to: clock.now).seconds
            cpuSeconds[name] = Self.processCPUSeconds() - cpuStart
            return value
        }
        let graph = time("digraph") { WeightedDigraph(projection: input.projection) }
        do {
            let pagerank = try time("pagerank") {
                try PageRank(stopRule: .networkx).run(on: graph) { progress.update(phase: "pagerank", done: $0, total: $1) }
            }
            figures["pagerankIterations"] = Double(pagerank.iterations)
            let precise = try time("pagerankPrecise") {
                try PageRank(tolerance: 1e-10, stopRule: .networkx).run(on: graph) { progress.update(phase: "pagerank 1e-10", done: $0, total: $1) }
            }
            figures["pagerankPreciseIterations"] = Double(precise.iterations)
            let converged = try time("pagerankConverged") {
                try PageRank().run(on: graph) { progress.update(phase: "pagerank converged", done: $0, total: $1) }
            }
            figures["pagerankConvergedSweeps"] = Double(converged.iterations)
            figures["pagerankPreciseL1FromConverged"] = zip(precise.scores, converged.scores).reduce(0) { $0 + abs($1.0 - $1.1) }
            figures["pagerankL1FromConverged"] = zip(pagerank.scores, converged.scores).reduce(0) { $0 + abs($1.0 - $1.1) }
            let betweenness = try time("betweennessSampled") {
                try Betweenness(sources: .sample(count: self.k, seed: self.seed)).run(on: graph) {
                    progress.update(phase: "betweenness", done: $0, total: $1)
                }
            }
            figures["betweennessPivots"] = Double(betweenness.sampleSize)
            let undirected = time("undirectedView") { UndirectedGraph(undirectedViewOf: graph) }
            let louvain = try time("louvain") {
                try Louvain(seed: self.seed).run(on: undirected) { progress.update(phase: "louvain levels", done: $0, total: $1) }
            }
            progress.finish()
            figures["modularity"] = louvain.modularity
            figures["communities"] = Double(louvain.sizes.count)
            figures["louvainLevels"] = Double(louvain.levels)
            let weak = time("weakComponents") { ConnectedComponents.weak(graph) }
            figures["weakComponents"] = Double(weak.count)
            let strong = time("strongComponents") { ConnectedComponents.strong(graph) }
            figures["strongComponents"] = Double(strong.count)
            let reciprocity = time("reciprocity") { Reciprocity(graph) }
            figures["reciprocity"] = reciprocity.overall ?? .nan
            let volume = time("topReferrers") { ReferralVolume(graph).topReferrers(10) }
            if let first = volume.first {
                let reach = try time("reach2Hops") { try KHopReach(hops: 2).run(from: first, on: graph) }
                figures["reach2HopsAgents"] = Double(reach.agents)
            }
            let leakage = time("leakage") { ReferralLeakage(graph, groups: louvain.communities) }
            figures["leakage"] = leakage.overall ?? .nan
            let gaps = try time("coverageGaps") { try CoverageGaps().run(projection: input.projection, leads: input.loaded.dataset.leads) }
            figures["territoriesShort"] = Double(gaps.territories.filter { $0.shortfall > 0 }.count)
        } catch {
            throw CLIError("bench analyze: \(error)")
        }
        let result = BenchAnalyzeResult(
            dataset: input.loaded.path,
            graphVersion: input.projection.version,
            agents: input.projection.agentCount,
            referrals: input.projection.referralCount,
            loadSeconds: input.loadSeconds,
            seconds: seconds,
            cpuSeconds: cpuSeconds,
            figures: figures,
            peakResidentBytes: ProcessMemory.peakResidentBytes()
        )
        print(try JSONOutput.string(result, pretty: true))
    }

    /// CPU time of the whole process so far.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}

/// The JSON `bench analyze` prints.
struct BenchAnalyzeResult: Codable {
    var dataset: String
    var graphVersion: String
    var agents: Int
    var referrals: Int
    var loadSeconds: Double
    /// Seconds per algorithm (after loading).
    var seconds: [String: Double]
    /// CPU seconds of the process per algorithm (all threads): shows the work when the machine is shared.
    var cpuSeconds: [String: Double]
    /// Results worth comparing (iterations, modularity, component counts…).
    var figures: [String: Double]
    var peakResidentBytes: Int?
}
