import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingSQL

/// `leadrouter lead`: one lead's record and its lifecycle (show, accept, decline, close, expire). Every change goes
/// through the ``LeadLifecycle``, as the HTTP routes' do.
struct LeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead",
        abstract: "Show a lead's decision and history, or move it through its lifecycle.",
        subcommands: [Show.self, List.self, Accept.self, Decline.self, Close.self, Reopen.self, Correct.self, Expire.self, Requeue.self]
    )

    /// Checks `--agent` against the graph, runs one assignment move through the lifecycle (the store's agents are not
    /// seeded: nothing is routed) and prints the assignment.
    static func move(
        graph: GraphOptions,
        store: StoreOptions,
        agent: String,
        _ body: @Sendable (LeadLifecycle) async throws -> AssignmentRecord
    ) async throws {
        let router = try graph.makeRouter().router
        try router.requireAgents([agent], flag: "agent")
        let view = try await store.withLifecycle(router: router, start: false) { lifecycle in
            let record = try await body(lifecycle)
            return try await LeadCommand.view(record.leadId, lifecycle)
        }
        print(try JSONOutput.string(view, pretty: false))
    }

    /// The lead as the HTTP lifecycle routes answer it, read after the change.
    static func view(_ id: String, _ lifecycle: LeadLifecycle) async throws -> LeadView {
        guard let record = try await lifecycle.store.lead(id) else { throw CLIError("no lead \(id) in the store") }
        return LeadView(record)
    }

    /// `--won` or `--lost`, exactly one (close and correct).
    static func requireOneOutcome(won: Bool, lost: Bool) throws {
        if won == lost { throw ValidationError("give exactly one of --won or --lost") }
    }

    /// `--allow-graph-change`, shared by the verbs that re-route.
    struct GraphChangeOption: ParsableArguments {
        @Flag(
            name: .long,
            help: """
                Re-route leads even when they were routed on another graph version than the given one (a lead whose \
                territory is not in the given graph is refused all the same).
                """
        )
        var allowGraphChange = false
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a lead's current decision, assignments and history.")

        @Argument(help: "The lead id.") var id: String
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "The whole record as JSON (the shape of GET /api/v1/leads/{id}).") var json = false

        func run() async throws {
            let id = self.id
            guard let record = try await self.store.withStoreReadOnly({ try await $0.lead(id) }) else {
                throw CLIError("no lead \(id) in the store")
            }
            if self.json {
                print(try JSONOutput.string(LeadView(record), pretty: false))
                return
            }
            var text = "lead \(record.leadId): \(record.status.rawValue)"
            if let agent = record.decision.agentId { text += " → \(agent)" }
            if let score = record.decision.score { text += " (score \((score * 10_000).rounded() / 10_000))" }
            text += "\n  policy \(record.decision.policy), graph \(record.decision.graphVersion)"
            if let reason = record.decision.reason { text += ", reason \(reason.rawValue)" }
            text += "\n"
            for note in record.decision.notes { text += "  note: \(note)\n" }
            text += "assignments\n"
            for a in record.assignments { text += "  #\(a.id) \(a.agentId) \(a.state.rawValue) score \((a.score * 10_000).rounded() / 10_000)\n" }
            text += "history\n"
            for entry in record.audit {
                var line = "  \(ISO8601Timestamp.string(millis: entry.atMillis)) \(entry.action)"
                if let agent = entry.agentId { line += " \(agent)" }
                if let from = entry.fromState, let to = entry.toState { line += " \(from) → \(to)" }
                if !entry.detail.isEmpty { line += " — \(entry.detail)" }
                text += line + "\n"
            }
            print(text, terminator: "")
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The agent accepts the offered lead (idempotent).")
        @Argument(help: "The lead id.") var id: String
        @Option(name: .long, help: "The agent accepting.") var agent: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func run() async throws {
            let (id, agent) = (self.id, self.agent)
            try await LeadCommand.move(graph: self.graph, store: self.store, agent: agent) { try await $0.accept(leadId: id, agentId: agent) }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close an accepted lead as won or lost (frees capacity; idempotent).")
        @Argument(help: "The lead id.") var id: String
        @Option(name: .long, help: "The agent closing.") var agent: String
        @Flag(name: .long, help: "Closed won (a conversion).") var won = false
        @Flag(name: .long, help: "Closed lost.") var lost = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func validate() throws { try LeadCommand.requireOneOutcome(won: self.won, lost: self.lost) }

        func run() async throws {
            let (id, agent, won) = (self.id, self.agent, self.won)
            try await LeadCommand.move(graph: self.graph, store: self.store, agent: agent) {
                try await $0.close(leadId: id, agentId: agent, won: won)
            }
        }
    }

    struct Reopen: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Undo a mistaken close: the agent's closed assignment is accepted again and its conversion uncounted (audited; idempotent)."
        )
        @Argument(help: "The lead id.") var id: String
        @Option(name: .long, help: "The agent whose close is undone.") var agent: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func run() async throws {
            let (id, agent) = (self.id, self.agent)
            try await LeadCommand.move(graph: self.graph, store: self.store, agent: agent) { try await $0.reopen(leadId: id, agentId: agent) }
        }
    }

    struct Correct: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a close's outcome (won ⇄ lost) and the agent's conversion counts (audited; idempotent)."
        )
        @Argument(help: "The lead id.") var id: String
        @Option(name: .long, help: "The agent who closed the lead.") var agent: String
        @Flag(name: .long, help: "The deal was won.") var won = false
        @Flag(name: .long, help: "The deal was lost.") var lost = false
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func validate() throws { try LeadCommand.requireOneOutcome(won: self.won, lost: self.lost) }

        func run() async throws {
            let (id, agent, won) = (self.id, self.agent, self.won)
            try await LeadCommand.move(graph: self.graph, store: self.store, agent: agent) {
                try await $0.correctClose(leadId: id, agentId: agent, won: won)
            }
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The agent declines the offer; the lead is re-routed without them (idempotent).")
        @Argument(help: "The lead id.") var id: String
        @Option(name: .long, help: "The agent declining.") var agent: String
        @Option(name: .long, help: "Why, in words; kept in the lead's history.") var reason: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions
        @OptionGroup var graphChange: GraphChangeOption

        func run() async throws {
            let router = try self.graph.makeRouter().router
            try router.requireAgents([self.agent], flag: "agent")
            let (id, agent, reason) = (self.id, self.agent, self.reason)
            let configuration = LeadLifecycle.Configuration(allowGraphChange: self.graphChange.allowGraphChange)
            let view = try await self.store.withLifecycle(router: router, configuration: configuration, start: false) { lifecycle in
                _ = try await lifecycle.decline(leadId: id, agentId: agent, reason: reason)
                return try await LeadCommand.view(id, lifecycle)
            }
            print(try JSONOutput.string(view, pretty: false))
        }
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expire offers older than the SLA and re-route their leads; then retry unroutable leads.",
            discussion: """
                Every lead is checked against the given graph first: if one's territory is not in it, or one was \
                routed on another graph version (unless --allow-graph-change), nothing is changed and the command fails \
                naming the leads and both graph versions.
                """
        )
        @Option(name: .long, help: "Offer SLA in minutes.") var slaMinutes: Int = 60
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions
        @OptionGroup var graphChange: GraphChangeOption

        func validate() throws {
            if self.slaMinutes < 0 { throw ValidationError("--sla-minutes must be 0 or more") }
        }

        func run() async throws {
            let router = try self.graph.makeRouter().router
            let configuration = LeadLifecycle.Configuration(
                offerSLAMillis: Int64(self.slaMinutes) * 60_000,
                allowGraphChange: self.graphChange.allowGraphChange
            )
            let (expired, retried) = try await self.store.withLifecycle(router: router, configuration: configuration, start: false) { lifecycle in
                let (expired, retried) = try await lifecycle.sweep()
                return (expired.count, retried.filter { $0.disposition == .retried }.count)
            }
            print("expired and re-routed \(expired) offers; routed \(retried) previously unroutable leads")
        }
    }
}
