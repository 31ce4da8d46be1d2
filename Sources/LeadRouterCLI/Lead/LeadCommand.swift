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
        subcommands: [Show.self, List.self, Accept.self, Decline.self, Close.self, Expire.self, Requeue.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a lead's current decision, assignments and history.")

        @Argument(help: "The lead id.") var id: String
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "The whole record as JSON (the shape of GET /api/v1/leads/{id}).") var json = false

        func run() async throws {
            let id = self.id
            guard let record = try await self.store.withStore(migrate: false, { try await $0.lead(id) }) else {
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
            let router = try self.graph.makeRouter().router
            let (id, agent) = (self.id, self.agent)
            let view = try await self.store.withLifecycle(router: router, start: false) { lifecycle in
                _ = try await lifecycle.accept(leadId: id, agentId: agent)
                return try await LeadCommand.view(id, lifecycle)
            }
            print(try JSONOutput.string(view, pretty: false))
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

        func validate() throws {
            if self.won == self.lost { throw ValidationError("give exactly one of --won or --lost") }
        }

        func run() async throws {
            let router = try self.graph.makeRouter().router
            let (id, agent, won) = (self.id, self.agent, self.won)
            let view = try await self.store.withLifecycle(router: router, start: false) { lifecycle in
                _ = try await lifecycle.close(leadId: id, agentId: agent, won: won)
                return try await LeadCommand.view(id, lifecycle)
            }
            print(try JSONOutput.string(view, pretty: false))
        }
    }

    struct Decline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The agent declines the offer; the lead is re-routed without them (idempotent).")
        @Argument(help: "The lead id.") var id: String
        @Option(name: .long, help: "The agent declining.") var agent: String
        @Option(name: .long, help: "Why, in words; kept in the lead's history.") var reason: String?
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func run() async throws {
            let router = try self.graph.makeRouter().router
            let (id, agent, reason) = (self.id, self.agent, self.reason)
            let view = try await self.store.withLifecycle(router: router) { lifecycle in
                _ = try await lifecycle.decline(leadId: id, agentId: agent, reason: reason)
                return try await LeadCommand.view(id, lifecycle)
            }
            print(try JSONOutput.string(view, pretty: false))
        }
    }

    /// The lead as the HTTP lifecycle routes answer it, read after the change.
    static func view(_ id: String, _ lifecycle: LeadLifecycle) async throws -> LeadView {
        guard let record = try await lifecycle.store.lead(id) else { throw CLIError("no lead \(id) in the store") }
        return LeadView(record)
    }

    struct Expire: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expire offers older than the SLA and re-route their leads; then retry unroutable leads."
        )
        @Option(name: .long, help: "Offer SLA in minutes.") var slaMinutes: Int = 60
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func validate() throws {
            if self.slaMinutes < 0 { throw ValidationError("--sla-minutes must be 0 or more") }
        }

        func run() async throws {
            let router = try self.graph.makeRouter().router
            let sla = Int64(self.slaMinutes) * 60_000
            let (expired, retried) = try await self.store.withLifecycle(router: router, configuration: .init(offerSLAMillis: sla)) { lifecycle in
                let expired = try await lifecycle.expireOverdueOffers()
                let retried = try await lifecycle.retryUnroutable()
                return (expired.count, retried.filter { $0.disposition == .retried }.count)
            }
            print("expired and re-routed \(expired) offers; routed \(retried) previously unroutable leads")
        }
    }
}
