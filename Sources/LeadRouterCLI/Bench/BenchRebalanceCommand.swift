import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingGenerator

/// `leadrouter bench rebalance`: builds a generated rebalance instance, solves it exactly and prints the figures.
struct BenchRebalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance",
        abstract: "Measure building and solving a generated rebalance instance (min-cost flow); prints JSON.",
        discussion: """
            Generates movable leads with scored candidates and agents with capacity and fixed load (seeded), builds the
            flow network with the policy's rebalance weights and solves it exactly (--solver: cost scaling, the
            planner's, or network simplex, to compare them on the same instance). --export-dimacs writes
            the instance so another solver can be timed on it and must reach the same objective. Build with -c release
            for meaningful figures.
            """
    )

    @Option(name: .long, help: "Movable leads.")
    var leads: Int = 200_000

    @Option(name: .long, help: "Agents.")
    var agents: Int = 50_000

    @Option(name: .long, help: "Candidates per lead.")
    var candidates: Int = 20

    @Option(name: .customLong("max-capacity"), help: "Capacities are uniform in 1…N.")
    var maximumCapacity: Int = 10

    @Option(name: .customLong("zero-capacity-share"), help: "Share of agents with capacity 0.")
    var zeroCapacityShare: Double = 0

    @Option(name: .customLong("fixed-load-share"), help: "Mean share of capacity held by leads that do not move.")
    var fixedLoadShare: Double = 0.5

    @Option(name: .customLong("score-levels"), help: "Scores as multiples of 1/N (ties); default: 6-decimal scores.")
    var scoreLevels: Int?

    @Option(name: .long, help: "Seed of the generated instance.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Policy file whose rebalance section weighs the objective (default: built-in).")
    var policy: String?

    @Option(name: .long, help: "Exact solver: \(MinCostFlowSolver.allCases.map(\.rawValue).joined(separator: " or ")).")
    var solver: MinCostFlowSolver = .costScaling

    @Option(name: .customLong("export-dimacs"), help: "Write the instance in DIMACS min-cost-flow format to FILE.")
    var exportDimacs: String?

    func validate() throws {
        if self.leads < 0 || self.agents <= 0 || self.candidates <= 0 || self.maximumCapacity < 0 {
            throw ValidationError("--leads must be ≥ 0; --agents, --candidates > 0; --max-capacity ≥ 0")
        }
        for (name, share) in [("--zero-capacity-share", self.zeroCapacityShare), ("--fixed-load-share", self.fixedLoadShare)]
        where !(0...1).contains(share) {
            throw ValidationError("\(name) must be in [0, 1]")
        }
        if let levels = self.scoreLevels, levels <= 0 { throw ValidationError("--score-levels must be > 0") }
    }

    func run() async throws {
        let policy = try PolicyFile.loadOrDefault(self.policy).rebalance
        let clock = ContinuousClock()
        let generated = clock.now
        let instance = RebalanceInstanceGenerator(
            .init(
                leads: self.leads,
                agents: self.agents,
                candidatesPerLead: self.candidates,
                maximumCapacity: self.maximumCapacity,
                zeroCapacityShare: self.zeroCapacityShare,
                fixedLoadShare: self.fixedLoadShare,
                scoreLevels: self.scoreLevels,
                seed: self.seed
            )
        ).generate()
        let built = clock.now
        let network = RebalanceNetwork(instance: instance, policy: policy)
        let solving = clock.now
        let solution = try network.solve(by: self.solver)
        let solved = clock.now
        if let path = self.exportDimacs {
            let text = network.problem.dimacs(comments: ["leadrouter bench rebalance --seed \(self.seed)"])
            let file = try OutputFile(path: path)
            try file.write(Data(text.utf8))
            try file.close()
        }
        let written = clock.now
        let placed = solution.assignment.compactMap { $0 }.count
        let result = BenchRebalanceResult(
            solver: self.solver.rawValue,
            leads: instance.leads.count,
            agents: instance.agents.count,
            nodes: network.problem.nodeCount,
            arcs: network.problem.arcCount,
            objective: solution.objective,
            placed: placed,
            unplaced: instance.leads.count - placed,
            generateSeconds: generated.duration(to: built).seconds,
            buildSeconds: built.duration(to: solving).seconds,
            solveSeconds: solving.duration(to: solved).seconds,
            exportSeconds: self.exportDimacs == nil ? nil : solved.duration(to: written).seconds,
            peakResidentBytes: ProcessMemory.peakResidentBytes()
        )
        print(try JSONOutput.string(result, pretty: true))
    }
}

/// The JSON `bench rebalance` prints.
struct BenchRebalanceResult: Codable {
    var solver: String
    var leads: Int
    var agents: Int
    var nodes: Int
    var arcs: Int
    /// Optimal cost of the network (the DIMACS instance's optimum).
    var objective: Int
    var placed: Int
    var unplaced: Int
    var generateSeconds: Double
    var buildSeconds: Double
    var solveSeconds: Double
    var exportSeconds: Double?
    var peakResidentBytes: Int?
}
