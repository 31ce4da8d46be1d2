import ArgumentParser
import LeadRoutingCore
import LeadRoutingSQL

/// `leadrouter assignments`: the active (offered or accepted) assignments.
struct AssignmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assignments",
        abstract: "List active assignments (lead, agent, state) from the lead store."
    )

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "At most this many rows.")
    var limit: Int = 10_000

    @Flag(name: .long, help: "One JSON array of assignments (each with its path as a JSON array, instants in ISO-8601).")
    var json = false

    func validate() throws {
        if self.limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let limit = self.limit
        let assignments = try await self.store.withStoreReadOnly { store in
            try await store.activeAssignments(limit: limit)
        }
        if self.json {
            print(try JSONOutput.string(assignments.map(AssignmentView.init), pretty: false))
            return
        }
        var text = "lead\tagent\tstate\tscore\n"
        for a in assignments {
            text += "\(a.leadId)\t\(a.agentId)\t\(a.state.rawValue)\t\((a.score * 10_000).rounded() / 10_000)\n"
        }
        print(text, terminator: "")
    }
}
