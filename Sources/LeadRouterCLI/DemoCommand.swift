import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles

/// `leadrouter demo`: the main job on the embedded default, no servers: load the bundled metro dataset, route
/// its leads in batch and show what happened and why.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Route the bundled demo dataset's leads and print a readable summary with example explanations."
    )

    @OptionGroup var graph: GraphOptions

    @Option(name: .long, help: "Number of example explanations to print.")
    var examples: Int = 3

    @Flag(name: .long, help: "Print the summary and the example decisions as JSON.")
    var json = false

    func validate() throws {
        if !(0...20).contains(self.examples) { throw ValidationError("--examples must be between 0 and 20") }
    }

    func run() async throws {
        let loaded = try await self.graph.loadRouter()
        let router = loaded.router
        let leads = loaded.loaded.dataset.leads
        guard !leads.isEmpty else { throw CLIError("\(loaded.loaded.path): the dataset has no leads (leads.csv) to route") }

        var batch = BatchRouter(router: router)
        var summary = BatchSummary()
        var decisions: [RoutingDecision] = []
        decisions.reserveCapacity(leads.count)
        let progress = ProgressBar()
        let progressTotal = leads.count
        let clock = ContinuousClock()
        let start = clock.now
        for (index, lead) in leads.enumerated() {
            let decision = batch.route(lead)
            summary.add(decision)
            decisions.append(decision)
            progress.update(phase: "routing", done: index + 1, total: progressTotal)
        }
        let routeSeconds = start.duration(to: clock.now).seconds
        progress.finish()
        let examples = DemoExamples.pick(from: decisions, count: self.examples)

        if self.json {
            let report = DemoReport(
                dataset: loaded.loaded.path,
                graphVersion: router.projection.version,
                policy: router.policy.version,
                agents: router.projection.agentCount,
                territories: router.projection.territoryCount,
                referrals: router.projection.referralCount,
                loadSeconds: loaded.decodeSeconds + loaded.projectionSeconds,
                routeSeconds: routeSeconds,
                summary: summary,
                examples: examples
            )
            print(try JSONOutput.string(report, pretty: true))
            return
        }
        var text = DemoText(router: router)
        text.header(
            path: loaded.loaded.path,
            loadSeconds: loaded.decodeSeconds + loaded.projectionSeconds,
            routeSeconds: routeSeconds,
            leads: leads.count
        )
        text.outcome(summary)
        text.loadDistribution(summary, agentCount: router.projection.agentCount, final: batch.load)
        text.exclusions(summary)
        text.examples(examples)
        print(text.output, terminator: "")
    }
}

/// The `demo --json` document.
struct DemoReport: Codable {
    var dataset: String
    var graphVersion: String
    var policy: String
    var agents: Int
    var territories: Int
    var referrals: Int
    var loadSeconds: Double
    var routeSeconds: Double
    var summary: BatchSummary
    var examples: [RoutingDecision]
}

/// Picks decisions that show different mechanisms: a referral win, a returning client, an adjacency fallback,
/// an unroutable lead, then plain wins.
enum DemoExamples {
    static func pick(from decisions: [RoutingDecision], count: Int) -> [RoutingDecision] {
        let predicates: [(RoutingDecision) -> Bool] = [
            { $0.path.contains { $0.via == PathStep.Via.refers.rawValue } },
            { $0.rule == .returningClient },
            { $0.path.contains { $0.via == PathStep.Via.adjacent.rawValue } },
            { $0.status == .unroutable },
            { $0.status == .routed && !$0.excluded.isEmpty },
        ]
        var picked: [RoutingDecision] = []
        var used = Set<String>()
        for predicate in predicates where picked.count < count {
            if let decision = decisions.first(where: { predicate($0) && !used.contains($0.leadId) }) {
                picked.append(decision)
                used.insert(decision.leadId)
            }
        }
        for decision in decisions where picked.count < count && !used.contains(decision.leadId) {
            picked.append(decision)
            used.insert(decision.leadId)
        }
        return picked
    }
}
