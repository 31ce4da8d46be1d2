import Foundation
import LeadRoutingCore

/// Renders the human-readable demo summary.
struct DemoText {
    let router: Router
    private(set) var output = ""

    init(router: Router) {
        self.router = router
    }

    private mutating func line(_ text: String = "") {
        self.output += text + "\n"
    }

    mutating func header(path: String, loadSeconds: Double, routeSeconds: Double, leads: Int) {
        let p = self.router.projection
        self.line("LeadRouter demo — \(path)")
        self.line(
            "  graph \(p.version): \(p.agentCount) agents, \(p.territoryCount) territories, \(p.coverageCount) coverage edges, "
                + "\(p.referralCount) referral edges"
        )
        self.line("  projection in memory: \(Format.bytes(p.footprint.totalBytes)); policy \(self.router.policyIdentity)")
        self.line(
            "  loaded in \(Format.milliseconds(loadSeconds)); routed \(leads) leads in \(Format.milliseconds(routeSeconds)) "
                + "(\(Format.microseconds(routeSeconds / Double(max(1, leads)))) per lead)"
        )
        self.line()
    }

    mutating func outcome(_ s: BatchSummary) {
        self.line("Outcome")
        self.line("  routed       \(Format.pad(s.routed, 6))  \(Format.percent(s.routed, of: s.leads))")
        var unroutable = "  unroutable   \(Format.pad(s.unroutable, 6))  \(Format.percent(s.unroutable, of: s.leads))"
        if !s.unroutableReasons.isEmpty {
            unroutable += "   " + s.unroutableReasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
        self.line(unroutable)
        self.line("  returning clients sent back to their agent: \(s.returningClients)")
        self.line("  winners reached along a referral chain from the source agent: \(s.referralWins)")
        self.line()
    }

    mutating func loadDistribution(_ s: BatchSummary, agentCount: Int, final load: AgentLoadTable) {
        self.line("Load across agents (leads received in this run → number of agents)")
        var histogram = s.loadHistogram
        let idle = agentCount - s.assignmentsByAgent.count
        histogram.insert((0, idle), at: 0)
        let widest = max(1, histogram.map(\.agents).max() ?? 1)
        for (leads, agents) in histogram {
            let bar = String(repeating: "█", count: max(agents > 0 ? 1 : 0, agents * 40 / widest))
            self.line("  \(Format.pad(leads, 3)) │\(bar) \(agents)")
        }
        let capacity = self.router.projection.agentCapacity
        var full = 0
        for (index, open) in load.openLeads.enumerated() where open >= capacity[index] { full += 1 }
        self.line("  agents at capacity after the run: \(full) of \(agentCount)")
        self.line()
    }

    mutating func exclusions(_ s: BatchSummary) {
        self.line("Top exclusion reasons (candidates excluded by a hard constraint, summed over leads)")
        let top = s.topExclusions
        if top.isEmpty { self.line("  none") }
        for (reason, count) in top.prefix(8) {
            self.line("  \(reason.padding(toLength: 14, withPad: " ", startingAt: 0)) \(Format.pad(count, 8))")
        }
        self.line()
    }

    mutating func examples(_ decisions: [RoutingDecision]) {
        guard !decisions.isEmpty else { return }
        self.line("Example explanations")
        for (number, decision) in decisions.enumerated() {
            self.line()
            switch decision.status {
            case .routed:
                self.line(
                    "\(number + 1). lead \(decision.leadId) → agent \(decision.agentId ?? "?") "
                        + "(score \(Format.score(decision.score ?? 0)), rule \(decision.rule?.rawValue ?? "-"))"
                )
                self.line("   path: " + Format.path(decision.path))
            case .unroutable:
                self.line("\(number + 1). lead \(decision.leadId) is unroutable: \(decision.reason?.rawValue ?? "-") (kept for retry)")
            }
            if !decision.excluded.isEmpty {
                self.line(
                    "   excluded: "
                        + decision.excluded.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                        .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                )
            }
            for note in decision.notes { self.line("   note: \(note)") }
            for (rank, candidate) in decision.candidates.prefix(3).enumerated() {
                let features = candidate.features.named.map { "\($0.0) \(Format.score($0.1))" }.joined(separator: " ")
                self.line("   #\(rank + 1) \(candidate.agentId) \(Format.score(candidate.score)): \(features)")
            }
        }
    }
}

/// Number formatting for people.
enum Format {
    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "(\(tenths / 10).\(tenths % 10)%)"
    }

    static func score(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        return "\(thousandths / 1000).\(pad3(thousandths % 1000))"
    }

    static func milliseconds(_ seconds: Double) -> String {
        "\(Int((seconds * 1000).rounded())) ms"
    }

    static func microseconds(_ seconds: Double) -> String {
        "\(Int((seconds * 1_000_000).rounded())) µs"
    }

    static func bytes(_ count: Int) -> String {
        if count >= 10 << 20 { return "\(count >> 20) MiB" }
        if count >= 10 << 10 { return "\(count >> 10) KiB" }
        return "\(count) B"
    }

    static func path(_ steps: [PathStep]) -> String {
        guard let first = steps.first else { return "-" }
        var text = first.from
        for step in steps { text += " -\(step.via)→ \(step.to)" }
        return text
    }

    private static func pad3(_ value: Int) -> String {
        value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
    }
}
