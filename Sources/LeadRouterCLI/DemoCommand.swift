import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingSQL

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

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Directory for the demo's lead records (SQLite file leads.sqlite), kept after the run. Default: a temporary directory, removed at the end.",
            valueName: "dir"
        )
    )
    var dataDir: String?

    func validate() throws {
        if !(0...20).contains(self.examples) { throw ValidationError("--examples must be between 0 and 20") }
    }

    func run() async throws {
        let loaded = try await self.graph.loadRouter()
        let router = loaded.router
        let leads = loaded.loaded.dataset.leads
        guard !leads.isEmpty else { throw CLIError("\(loaded.loaded.path): the dataset has no leads (leads.csv) to route") }

        let directory = try self.dataDirectory()
        // Without --data-dir the records live in a temporary directory that is removed when the demo ends.
        defer { if self.dataDir == nil { try? FileManager.default.removeItem(atPath: directory) } }
        let storeURL = "sqlite:\(directory)/leads.sqlite"
        let clock = ContinuousClock()
        let start = clock.now
        let (decisions, finalLoad, replayed) = try await StoreConnector.withLifecycle(storeURL, router: router) { lifecycle in
            var decisions: [RoutingDecision] = []
            decisions.reserveCapacity(leads.count)
            var replayed = 0
            let progress = ProgressBar()
            for (index, lead) in leads.enumerated() {
                let outcome = try await lifecycle.route(lead)
                if outcome.disposition == .replayed { replayed += 1 }
                decisions.append(outcome.decision)
                progress.update(phase: "routing", done: index + 1, total: leads.count)
            }
            progress.finish()
            try await lifecycle.refreshLoad()
            return (decisions, lifecycle.loads.snapshot, replayed)
        }
        var summary = BatchSummary()
        for decision in decisions { summary.add(decision) }
        let routeSeconds = start.duration(to: clock.now).seconds
        let examples = DemoExamples.pick(from: decisions, count: self.examples)

        if self.json {
            let report = DemoReport(
                dataset: loaded.loaded.path,
                graphVersion: router.projection.version,
                policy: router.policyIdentity,
                agents: router.projection.agentCount,
                territories: router.projection.territoryCount,
                referrals: router.projection.referralCount,
                loadSeconds: loaded.decodeSeconds + loaded.projectionSeconds,
                routeSeconds: routeSeconds,
                summary: summary,
                examples: examples,
                leadStore: storeURL,
                leadStoreKept: self.dataDir != nil,
                alreadyRecorded: replayed
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
        text.loadDistribution(summary, agentCount: router.projection.agentCount, final: finalLoad)
        text.exclusions(summary)
        text.examples(examples)
        var footer =
            self.dataDir == nil
            ? "Lead records: kept in a temporary store, now removed (`--data-dir DIR` keeps them)"
            : "Lead records: \(storeURL) (`leadrouter assignments --store \(storeURL)`)"
        if replayed > 0 { footer += "; \(replayed) leads were already recorded there and kept their first decision" }
        print(text.output + footer + "\n", terminator: "")
    }

    /// The `--data-dir` (created when missing) or a new temporary directory.
    private func dataDirectory() throws -> String {
        let path =
            self.dataDir
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("leadrouter-demo-\(UUID().uuidString.prefix(8))").path
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw CLIError("\(path): cannot create the data directory: \(error.localizedDescription)")
        }
        return path
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
    /// Where the demo's lead records are.
    var leadStore: String
    /// False when the store was in a temporary directory, removed when the demo ended (no `--data-dir`).
    var leadStoreKept: Bool
    /// Leads the store had already recorded (a reused --data-dir): their first decision was kept.
    var alreadyRecorded: Int
}

/// Picks decisions that show different mechanisms: a referral win, a returning client, an adjacency fallback,
/// an unroutable lead, then plain wins.
enum DemoExamples {
    static func pick(from decisions: [RoutingDecision], count: Int) -> [RoutingDecision] {
        let predicates: [(RoutingDecision) -> Bool] = [
            { $0.rule == .returningClient },
            { $0.path.contains { $0.via == PathStep.Via.adjacent.rawValue } },
            { $0.status == .unroutable },
            { $0.status == .routed && !$0.excluded.isEmpty },
        ]
        var picked: [RoutingDecision] = []
        var used = Set<String>()
        // The clearest referral example: the winner with the strongest referral chain.
        if count > 0,
            let referral = decisions.max(by: {
                ($0.candidates.first?.features.referral ?? 0) < ($1.candidates.first?.features.referral ?? 0)
            }), (referral.candidates.first?.features.referral ?? 0) > 0
        {
            picked.append(referral)
            used.insert(referral.leadId)
        }
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
