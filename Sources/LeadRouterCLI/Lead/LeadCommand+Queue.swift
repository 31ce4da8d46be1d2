import ArgumentParser
import Foundation
import LeadRoutingCore

extension LeadCommand {
    /// `leadrouter lead list`: the same listing, filters and JSON shape as `GET /api/v1/leads`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List leads by status, agent, territory or arrival, a page at a time (e.g. --status needs_attention).",
            discussion:
                "Statuses: offered, accepted, unroutable, needs_attention, closed. With --json the page is printed as GET /api/v1/leads returns it; pass its nextCursor as --cursor for the next page."
        )

        @Option(help: ArgumentHelp("offered, accepted, unroutable, needs_attention or closed.", valueName: "status")) var status: String?
        @Option(help: ArgumentHelp("Leads whose active or closing assignment is this agent's.", valueName: "id")) var agent: String?
        @Option(help: ArgumentHelp("Leads in this territory.", valueName: "id")) var territory: String?
        @Option(help: ArgumentHelp("Leads received at or after this ISO-8601 date or time.", valueName: "time")) var since: String?
        @Option(help: ArgumentHelp("Page size, 1–500 (default 50).", valueName: "n")) var limit: String?
        @Option(help: ArgumentHelp("The previous page's nextCursor.", valueName: "cursor")) var cursor: String?
        @OptionGroup var store: StoreOptions
        @Flag(name: .long, help: "The page as JSON.") var json = false

        func run() async throws {
            let query: LeadListQuery
            do {
                query = try LeadListQuery(
                    status: self.status,
                    agent: self.agent,
                    territory: self.territory,
                    since: self.since,
                    limit: self.limit,
                    cursor: self.cursor
                )
            } catch {
                throw CLIError(error.description)  // the same text as the HTTP problem's detail
            }
            let leads = try await self.store.withStore(migrate: false) { try await $0.listLeads(query) }
            let page = LeadPage(leads: leads, query: query)
            if self.json {
                print(try JSONOutput.string(page))
                return
            }
            print(Self.table(page), terminator: "")
        }

        static func table(_ page: LeadPage) -> String {
            let header = ["lead", "status", "agent", "territory", "received", "attempts", "last reason"]
            let rows = page.leads.map {
                [
                    $0.leadId, $0.status.rawValue, $0.agentId ?? "-", $0.territoryId ?? "-", ISO8601Timestamp.string(millis: $0.receivedAtMillis),
                    String($0.routeAttempts), $0.lastReason ?? "",
                ]
            }
            let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
            var text = ""
            for row in [header] + rows {
                text +=
                    zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces) + "\n"
            }
            text += page.leads.count == 1 ? "1 lead" : "\(page.leads.count) leads"
            if let next = page.nextCursor { text += "; next page: --cursor \(next)" }
            return text + "\n"
        }
    }

    /// `leadrouter lead requeue`: a `needs_attention` lead goes back into the retry queue.
    struct Requeue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a needs_attention lead back into the retry queue with its attempts reset (the server retries it)."
        )
        @Argument(help: "The lead id.") var id: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var graph: GraphOptions

        func run() async throws {
            let router = try self.graph.makeRouter().router
            let id = self.id
            let record = try await self.store.withLifecycle(router: router, start: false) { lifecycle in
                try await lifecycle.requeue(leadId: id)
                return try await lifecycle.store.lead(id)
            }
            print("lead \(id) is back in the retry queue (\(record?.status.rawValue ?? "?"))")
        }
    }
}
