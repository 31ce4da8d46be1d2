import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingSQL

/// `leadrouter rebalance apply`: applies a plan's moves to the store, in transactions of a batch each.
struct RebalanceApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Apply a rebalance plan's moves to the store (idempotent, resumable).",
        discussion: """
            The plan is kept in the store, then its moves are applied in transactions of --batch-size moves each
            (moves that swap leads between agents stay in one transaction). Each move is recorded by plan and lead:
            running apply again skips what is recorded, so an interrupted apply (even a killed one) is finished by
            running it again, ending where one uninterrupted run ends. A move whose lead changed since the plan was
            computed (accepted, closed, re-routed) or whose target has no room left is skipped and reported, never
            forced. Moved leads are audited with rule rebalance and the plan id, and announced in the outbox.
            --dry-run reports what applying now would do and writes nothing.
            """
    )

    @Argument(help: ArgumentHelp("The plan (JSON, as `rebalance plan --out` writes it).", valueName: "plan.json"))
    var planFile: String

    @OptionGroup var store: StoreOptions

    @Option(name: .customLong("batch-size"), help: "Moves per transaction (1–10000).")
    var batchSize: Int = RebalanceApplier.Configuration().batchSize

    @Flag(name: .customLong("dry-run"), help: "Report what applying would do now; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Print the report as one line of JSON: applied, skipped (with reasons), alreadyApplied, alreadySkipped.")
    var json = false

    func validate() throws {
        if !(1...RebalanceApplier.Configuration.maximumBatchSize).contains(self.batchSize) {
            throw ValidationError("--batch-size must be 1–\(RebalanceApplier.Configuration.maximumBatchSize)")
        }
    }

    func run() async throws {
        let plan = try Self.readPlan(self.planFile)
        do {
            try RebalanceApplier.validate(plan)
        } catch {
            throw CLIError("\(self.planFile): \(error)")
        }
        let configuration = RebalanceApplier.Configuration(batchSize: self.batchSize)
        let dryRun = self.dryRun
        let show = !self.json
        let work: @Sendable (any CheckableLeadStore) async throws -> RebalanceApplyReport = { store in
            let progress = ProgressBar(enabled: show)
            let report = try await RebalanceApplier(store: store, clock: LeadRouterCommand.clock, configuration: configuration)
                .apply(plan, dryRun: dryRun) { done, total in progress.update(phase: "batches", done: done, total: total) }
            progress.finish()
            return report
        }
        let report = try await dryRun ? self.store.withStoreReadOnly(work) : self.store.withStore(work)
        print(self.json ? try JSONOutput.string(report) : Self.text(report))
    }

    /// Reads and decodes a plan file; errors name the file.
    static func readPlan(_ path: String) throws -> RebalancePlan {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError("cannot read the plan \(path): \((error as NSError).localizedDescription)")
        }
        do {
            return try JSONDecoder().decode(RebalancePlan.self, from: data)
        } catch {
            throw CLIError("\(path) is not a rebalance plan: \(error)")
        }
    }

    /// The report for people: counts, then each skipped move with its reason.
    static func text(_ report: RebalanceApplyReport) -> String {
        let verb = report.dryRun ? "would apply" : "applied"
        var lines = [
            "plan \(report.planId): \(verb) \(report.applied.count), skipped \(report.skipped.count), already applied \(report.alreadyApplied.count), already skipped \(report.alreadySkipped.count)"
                + (report.dryRun ? " (dry run: nothing written)" : " in \(report.batches) transactions")
        ]
        for record in report.skipped {
            lines.append("  skipped \(record.leadId) → \(record.toAgentId): \(record.reason?.rawValue ?? "?")")
        }
        return lines.joined(separator: "\n")
    }
}
