import ArgumentParser
import Foundation
import LeadRoutingCore

/// `leadrouter replay`: shadow replay of a store's recorded leads under another policy. Reads only.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-decide the leads a store recorded under another policy, and compare (reads only).",
        discussion: """
            Each recorded lead's first decision is made again with --policy on the graph given (--dataset or \
            --neo4j), against the load the store had when the lead arrived (rebuilt from its assignments and \
            closes; pauses have no history, so every agent counts as available). Reports how often the policy \
            agrees with the recorded decisions, how many leads each agent would gain or lose, the load Gini as \
            recorded and replayed, and the conversions each set of choices predicts under the router's current \
            estimates (a prediction, not an observed outcome). Leads whose territory is not in the graph are \
            skipped and counted; leads decided on another graph version are replayed on this one and counted.
            """
    )

    @OptionGroup var graph: GraphOptions
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("Only leads received at or after this ISO-8601 date or time.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("At most this many leads (in lead-id order).", valueName: "n"))
    var limit: Int?

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    @Flag(name: .long, help: "No progress bar on stderr.")
    var quiet = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let sinceMillis: Int64?
        do {
            sinceMillis = try LeadListQuery(status: nil, agent: nil, territory: nil, since: self.since, limit: nil, cursor: nil).sinceMillis
        } catch {
            throw CLIError(error.description)
        }
        let router = try await self.graph.loadRouter().router
        let limit = self.limit ?? .max
        let quiet = self.quiet
        let (records, loads) = try await self.store.withStoreReadOnly { store in
            let reading = ProgressBar(enabled: !quiet)
            defer { reading.finish() }
            return try await ShadowReplay.read(from: store, sinceMillis: sinceMillis, limit: limit) { read in
                reading.update(phase: "reading leads", done: read, total: max(read, min(limit, read + 500)))
            }
        }
        let replaying = ProgressBar(enabled: !quiet)
        let report = ShadowReplay(router: router).replay(records, loads: loads) { done, total in
            replaying.update(phase: "replaying", done: done, total: total)
        }
        replaying.finish()
        print(self.json ? try JSONOutput.string(report) : Self.text(report))
    }

    /// The report for people.
    static func text(_ report: ShadowReplayReport) -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f %%", x * 100) }
        var lines = [
            "replayed \(report.replayed) of \(report.leads) leads under \(report.policy) on graph \(report.graphVersion)"
        ]
        for (reason, count) in report.skipped.sorted(by: { $0.key < $1.key }) { lines.append("  skipped \(count): \(reason)") }
        if report.onRecordedGraph < report.replayed {
            lines.append("  \(report.replayed - report.onRecordedGraph) were decided on another graph version; replayed on this one")
        }
        lines.append(
            "recorded policies: "
                + report.recordedPolicies.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        )
        lines.append("agreement: \(report.agreed) of \(report.replayed) (\(percent(report.agreement)))")
        lines.append("unroutable on arrival: recorded \(report.recordedUnroutable), replayed \(report.replayedUnroutable)")
        lines.append(
            String(
                format: "load Gini over agents: recorded %.4f, replayed %.4f; %d agents would gain leads, %d lose",
                report.load.recordedGini,
                report.load.replayedGini,
                report.load.agentsGaining,
                report.load.agentsLosing
            )
        )
        if !report.load.largestShifts.isEmpty {
            lines.append(
                "largest shifts: "
                    + report.load.largestShifts.map { "\($0.agentId) \($0.recorded) → \($0.replayed)" }.joined(separator: ", ")
            )
        }
        lines.append(
            "predicted conversions (\(report.predicted.label)): "
                + String(
                    format: "recorded %.2f, replayed %.2f, difference %+.2f",
                    report.predicted.recorded,
                    report.predicted.replayed,
                    report.predicted.difference
                )
        )
        return lines.joined(separator: "\n")
    }
}
