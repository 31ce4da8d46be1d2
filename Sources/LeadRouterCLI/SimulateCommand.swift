public import ArgumentParser
import Foundation
import LeadRoutingAnalysis
public import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingGenerator
import LeadRoutingStores

// A conformance of a public type is public, hence the public imports.
extension SimulationBaseline: ExpressibleByArgument {}

/// `leadrouter simulate`: routing policies against built-in baselines and an oracle in a discrete-event simulation
/// of a generated dataset's hidden truth.
struct SimulateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate routing policies against baselines and an oracle that knows the hidden truth, or A/B test them in one world.",
        discussion: """
            Leads arrive (a Poisson process over the dataset's leads), are offered through the real lead lifecycle on \
            an in-memory store, accepted or declined after a response time, expire after the offer SLA and are \
            re-routed, and close won or lost as the dataset's hidden truth (DIR/truth, written by `generate`) decides. \
            Every policy and baseline meets the same arrivals and luck in each replication. Prints a table of \
            conversions, % of the oracle, load Gini and Jain's index, starved agents, SLA breaches, unroutable rate and \
            time to first contact, each with a 95% confidence interval over the replications.

            The optimum baseline knows the truth and plans a batch at a time: it holds each --batch-minutes window of \
            arrivals, then assigns the whole batch at once to maximise the sum of true conversion probabilities within \
            the agents' free capacity (an exact min-cost flow). The leads' wait for the window counts in its time to \
            first contact.

            With --ab the policies are A/B tested inside one world instead: each arriving lead goes to one policy by a \
            SHA-256 hash of its id (the first policy gets --split percent, the others share the rest equally) and is \
            routed and re-routed by it, while all of them share the same agents, open loads, capacity and events. Prints \
            per policy the conversions, expected conversions, accepted leads, SLA breaches and unroutable leads per 100 \
            of its leads and the time to first contact, and each policy's difference from the first in percentage \
            points, paired by replication. Needs two or more --policy and no --baseline.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Dataset directory. Default: the bundled fixtures/metro.", valueName: "dir"))
    var dataset: String?

    @Option(name: .long, help: ArgumentHelp("Hidden-truth directory. Default: the dataset's truth/.", valueName: "dir"))
    var truth: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A routing policy JSON file to simulate (repeatable; `builtin` names the built-in policy). Default: the built-in policy.",
            valueName: "file"
        )
    )
    var policy: [String] = []

    @Flag(name: .long, help: "A/B test the policies in one shared world, each lead split to one policy by a hash of its id.")
    var ab = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --ab: the first policy's percentage of the leads (1-99); the others share the rest equally. Default: equal shares.",
            valueName: "percent"
        )
    )
    var split: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A baseline to compare with (repeatable): \(SimulationBaseline.allCases.map(\.rawValue).joined(separator: ", ")). Default: all.",
            valueName: "name"
        )
    )
    var baseline: [SimulationBaseline] = []

    @Option(name: .long, help: "Simulated days.")
    var days: Int = 30

    @Option(name: .long, help: "Seed of the first replication (replication r uses seed + r).")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Replications per policy, for the confidence intervals.")
    var replications: Int = 5

    @Option(name: .customLong("leads-per-day"), help: "Mean lead arrivals per day. Default: the dataset's leads over 30 days.")
    var leadsPerDay: Double?

    @Option(name: .customLong("offer-sla"), help: "Minutes an offer may stay unanswered before it expires and the lead is re-routed.")
    var offerSLA: Double = 60

    @Option(
        name: .customLong("batch-minutes"),
        help: "Minutes the optimum baseline holds arrivals before assigning each batch at once (the wait counts in its time to first contact)."
    )
    var batchMinutes: Double = 60

    @Option(
        name: .customLong("response-drift"),
        help: ArgumentHelp(
            "Spread of the agents' true response times around the dataset's figures (each is that figure × e^(drift·z)), so that there is something for the router to learn (0–2; default 0: the dataset's figures are the truth). --json reports the estimate's error before and after each run.",
            valueName: "drift"
        )
    )
    var responseDrift: Double = 0

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Write cumulative conversions per policy over time as SVG to this file.", valueName: "file"))
    var svg: String?

    @Flag(name: .long, help: "No progress bar on stderr.")
    var quiet = false

    var simulationConfiguration: SimulationConfiguration {
        SimulationConfiguration(
            days: self.days,
            leadsPerDay: self.leadsPerDay,
            seed: self.seed,
            replications: self.replications,
            offerSLAMinutes: self.offerSLA,
            batchMinutes: self.batchMinutes
        )
    }

    /// The value of `--policy` that names the built-in policy rather than a file.
    static let builtinPolicy = "builtin"

    func validate() throws {
        do {
            try self.simulationConfiguration.validate()
        } catch {
            throw ValidationError("--\(error.field) \(error.reason)")
        }
        guard self.responseDrift.isFinite && (0...2).contains(self.responseDrift) else {
            throw ValidationError("--response-drift must be between 0 and 2")
        }
        if self.ab {
            guard self.policy.count >= 2 else {
                throw ValidationError("--ab needs at least two --policy (got \(self.policy.count)); `--policy builtin` names the built-in policy")
            }
            guard self.baseline.isEmpty else { throw ValidationError("--ab compares policies in one world; --baseline cannot be used with it") }
        }
        if let split = self.split {
            guard self.ab else { throw ValidationError("--split needs --ab") }
            guard (1...99).contains(split) else { throw ValidationError("--split must be between 1 and 99 (the first policy's percentage)") }
        }
    }

    /// The A/B split: the first policy's `--split` percent, the others sharing the rest equally; nil for equal shares.
    func trafficSplit(policies: Int) throws -> TrafficSplit? {
        guard let split = self.split else { return nil }
        do {
            return try TrafficSplit(weights: [split * (policies - 1)] + [Int](repeating: 100 - split, count: policies - 1))
        } catch {
            throw ValidationError("--\(error.field) \(error.reason)")
        }
    }

    /// The arms in report order: the policies, then the baselines (all when none is named); with `--ab`, one arm
    /// splitting a world between the policies.
    func arms() throws -> [SimulationArm] {
        var arms: [SimulationArm] = []
        if self.policy.isEmpty {
            arms.append(.policy(.default))
        }
        for path in self.policy {
            let policy: RoutingPolicy
            do {
                policy = path == Self.builtinPolicy ? .default : try PolicyFile.load(from: path)
            } catch {
                throw CLIError("\(error)")
            }
            let name = arms.contains { $0.name == policy.version } ? URL(fileURLWithPath: path).lastPathComponent : policy.version
            arms.append(.policy(policy, name: name))
        }
        if self.ab {
            let policies = arms.compactMap { arm -> SimulationABTest.Arm? in
                guard case .policy(let policy) = arm.kind else { return nil }
                return SimulationABTest.Arm(name: arm.name, policy: policy)
            }
            do {
                return [.abTest(try SimulationABTest(arms: policies, split: try self.trafficSplit(policies: policies.count)))]
            } catch let error as InputError {
                throw ValidationError("--\(error.field) \(error.reason)")
            }
        }
        let baselines = self.baseline.isEmpty ? SimulationBaseline.allCases : self.baseline
        for baseline in baselines where !arms.contains(where: { $0.name == baseline.rawValue }) { arms.append(.baseline(baseline)) }
        return arms
    }

    /// The dataset and its hidden truth, loaded and ready to simulate; also the dataset's path, for the picture.
    func loadSimulation() throws -> (simulation: Simulation, dataset: String) {
        let datasetPath = try DatasetLocation.resolve(self.dataset)
        let graph = try LoadedProjection.load(dataset: datasetPath)
        let truthPath = self.truth ?? (datasetPath as NSString).appendingPathComponent(GeneratedFile.truthDirectory)
        let truth: LoadedTruth
        do {
            truth = try LoadedTruth.load(from: truthPath)
        } catch {
            throw CLIError("\(error)")
        }
        let model = SimulatedTruth(
            truth: truth.model,
            dataset: graph.loaded.dataset,
            projection: graph.projection,
            skills: truth.skills,
            brokerages: truth.brokerages,
            effects: TruthEffects(responseDrift: self.responseDrift)
        )
        let simulation = try Simulation(
            projection: graph.projection,
            leads: graph.loaded.dataset.leads,
            truth: model,
            configuration: self.simulationConfiguration
        )
        return (simulation, datasetPath)
    }

    func run() async throws {
        let arms = try self.arms()
        let (simulation, datasetPath) = try self.loadSimulation()
        let progress = ProgressBar(enabled: !self.quiet)
        let report = try await simulation.runInMemory(arms) { done, total in progress.update(phase: "simulating", done: done, total: total) }
        progress.finish()
        if let svg = self.svg {
            let file = try OutputFile(path: svg)
            try file.write(Data(SimulationText.chart(report, dataset: datasetPath).render().utf8))
            try file.close()
        }
        let text = report.abTest.map { SimulationText.abTable(report, $0) } ?? SimulationText.table(report)
        print(self.json ? try JSONOutput.string(report, pretty: true) : text, terminator: self.json ? "\n" : "")
    }
}
