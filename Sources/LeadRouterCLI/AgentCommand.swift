import ArgumentParser
import Foundation
import LeadRoutingCore

/// `leadrouter agent show`: one agent as `GET /api/v1/agents/{id}` shows it.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Show an agent: attributes, load and what the router has learned about them.",
        subcommands: [Show.self]
    )

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print an agent's attributes, load, conversion posterior and learned response time.",
            discussion: """
                The load and the learned figures (the agent's own and those of its referral edges) come from --store when given (read only: nothing is written or \
                migrated), otherwise from the dataset's own history. --json prints the record of \
                GET /api/v1/agents/{id}.
                """
        )

        @Argument(help: "The agent id.") var id: String
        @OptionGroup var graph: GraphOptions
        @Option(
            name: .long,
            help: ArgumentHelp("Lead store to read the agent's load and outcomes from: sqlite:PATH or postgres://….", valueName: "url")
        )
        var store: String?
        @Flag(name: .long, help: "The whole record as JSON (the shape of GET /api/v1/agents/{id}).") var json = false

        func validate() throws {
            if let store = self.store {
                do {
                    _ = try LeadStoreURL(parsing: store)
                } catch {
                    throw ValidationError(error.message)
                }
            }
        }

        func run() async throws {
            let router = try await self.graph.loadRouter().router
            let projection = router.projection
            guard let index = projection.agent(self.id) else { throw CLIError(AgentView.notFoundMessage(self.id)) }
            var load = AgentLoadTable(projection: projection)
            if let store = self.store {
                let (records, referrals) = try await StoreConnector.withStore(store, migrate: false, readOnly: true) {
                    (try await $0.agentLoads(), try await $0.referralOutcomes())
                }
                load = AgentLoadTable(projection: projection, records: records, referralOutcomes: referrals)
            }
            let view = AgentView(projection.agentSummary(at: index), load: load, index: index, router: router)
            print(self.json ? try JSONOutput.string(view, pretty: false) : Self.text(view))
        }

        static func text(_ view: AgentView) -> String {
            func number(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
            let performance = view.stats.performance
            let response = view.stats.responsiveness
            var lines = [
                "agent \(view.id) (\(view.name)): \(view.active ? "active" : "inactive"), \(view.available ? "available" : "paused")",
                "  load: \(view.openLeads) of \(view.capacity) open (\(number(100 * view.utilisation, 0)) %)",
                "  conversion: \(number(performance.mean)) [\(number(performance.low)), \(number(performance.high))] (history \(view.stats.closed) of \(view.stats.assigned); store \(performance.wonInStore) won, \(performance.lostInStore) lost)",
            ]
            let minutes = response.meanMinutes.map { "\(number($0, 1)) min" } ?? "unknown"
            let prior = response.priorMinutes.map { "\(number($0, 1)) min" } ?? "none"
            let observed = response.observedMeanMinutes.map { ", observed mean \(number($0, 1)) min" } ?? ""
            lines.append("  response: \(minutes) (dataset \(prior); accepted offers in the store: \(response.acceptedInStore)\(observed))")
            lines.append("  territories \(view.territoryCount), referrals out \(view.referralsOut), in \(view.referralsIn)")
            for edge in view.learnedReferrals {
                lines.append(
                    "  referral to \(edge.to): \(number(edge.mean)) (store \(edge.won) won, \(edge.lost) lost; strength \(number(edge.strength)))"
                )
            }
            return lines.joined(separator: "\n")
        }
    }
}
