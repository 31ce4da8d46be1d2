import ArgumentParser
import Testing

@testable import LeadRouterCLI

/// Argument parsing of the lead-store verbs, in process (as swift-argument-parser's own tests do): the parsed
/// command's fields, and the message a bad invocation gets.
@Suite struct LeadCommandParsingTests {
    static let store = ["--store", "sqlite:/tmp/leads.sqlite"]

    /// Parses `arguments` from the root and casts to the expected subcommand.
    static func parse<T: ParsableCommand>(_ arguments: [String], as type: T.Type) throws -> T {
        let command = try LeadRouterCommand.parseAsRoot(arguments)
        return try #require(command as? T, "parsed as \(Swift.type(of: command))")
    }

    /// The message the user sees for `arguments`, which must not parse.
    static func failure(_ arguments: [String]) -> String {
        do {
            let command = try LeadRouterCommand.parseAsRoot(arguments)
            Issue.record("\(arguments) parsed as \(type(of: command))")
            return ""
        } catch {
            return LeadRouterCommand.message(for: error)
        }
    }

    @Test func leadShow() throws {
        let show = try Self.parse(["lead", "show", "L1", "--json"] + Self.store, as: LeadCommand.Show.self)
        #expect(show.id == "L1")
        #expect(show.json)
        #expect(show.store.store == "sqlite:/tmp/leads.sqlite")
        #expect(try Self.parse(["lead", "show", "L1"] + Self.store, as: LeadCommand.Show.self).json == false)
    }

    @Test func leadAccept() throws {
        let accept = try Self.parse(
            ["lead", "accept", "L1", "--agent", "A7", "--dataset", "fixtures/tiny"] + Self.store,
            as: LeadCommand.Accept.self
        )
        #expect(accept.id == "L1")
        #expect(accept.agent == "A7")
        #expect(accept.graph.dataset == "fixtures/tiny")
        #expect(accept.graph.policy == nil)
    }

    @Test func leadClose() throws {
        let won = try Self.parse(["lead", "close", "L1", "--agent", "A1", "--won"] + Self.store, as: LeadCommand.Close.self)
        #expect(won.won && !won.lost)
        let lost = try Self.parse(["lead", "close", "L1", "--agent", "A1", "--lost"] + Self.store, as: LeadCommand.Close.self)
        #expect(lost.lost && !lost.won)
    }

    @Test func leadDecline() throws {
        let decline = try Self.parse(
            ["lead", "decline", "L9", "--agent", "A2", "--policy", "policy.json"] + Self.store,
            as: LeadCommand.Decline.self
        )
        #expect(decline.id == "L9")
        #expect(decline.agent == "A2")
        #expect(decline.graph.policy == "policy.json")
        #expect(decline.graph.dataset == nil)
    }

    @Test func leadExpire() throws {
        #expect(try Self.parse(["lead", "expire"] + Self.store, as: LeadCommand.Expire.self).slaMinutes == 60)
        #expect(try Self.parse(["lead", "expire", "--sla-minutes", "0"] + Self.store, as: LeadCommand.Expire.self).slaMinutes == 0)
    }

    @Test func migrate() throws {
        let migrate = try Self.parse(["migrate", "--json", "--store", "postgres://u@localhost:5432/leads"], as: MigrateCommand.self)
        #expect(migrate.json)
        #expect(migrate.store.store == "postgres://u@localhost:5432/leads")
        #expect(try Self.parse(["migrate"] + Self.store, as: MigrateCommand.self).json == false)
    }

    @Test func assignments() throws {
        let defaults = try Self.parse(["assignments"] + Self.store, as: AssignmentsCommand.self)
        #expect(defaults.limit == 10_000)
        #expect(defaults.json == false)
        let given = try Self.parse(["assignments", "--limit", "3", "--json"] + Self.store, as: AssignmentsCommand.self)
        #expect(given.limit == 3)
        #expect(given.json)
    }

    @Test(arguments: [
        (["lead", "close", "L1", "--agent", "A1"] + store, "give exactly one of --won or --lost"),
        (["lead", "close", "L1", "--agent", "A1", "--won", "--lost"] + store, "give exactly one of --won or --lost"),
        (["lead", "accept", "L1"] + store, "Missing expected argument '--agent <agent>'"),
        (["lead", "accept", "--agent", "A1"] + store, "Missing expected argument '<id>'"),
        (["lead", "decline", "L1", "--agent", "A1"], "Missing expected argument '--store <url>'"),
        (["lead", "show", "L1", "--store", "mysql://db/leads"], "invalid store URL 'mysql://db/leads'"),
        (["lead", "show", "L1", "--store", "postgres://db:port/leads"], "invalid store URL"),
        (["lead", "expire", "--sla-minutes=-5"] + store, "--sla-minutes must be 0 or more"),
        (["lead", "expire", "--sla-minutes", "soon"] + store, "The value 'soon' is invalid for '--sla-minutes <sla-minutes>'"),
        (["lead", "reassign"], "Unexpected argument 'reassign'"),
        (["migrate"], "Missing expected argument '--store <url>'"),
        (["migrate", "--store", "sqlite:"], "invalid store URL"),
        (["assignments", "--limit", "0"] + store, "--limit must be at least 1"),
        (["assignments", "--limit", "many"] + store, "The value 'many' is invalid for '--limit <limit>'"),
    ])
    func badInvocationIsRejectedWithAMessage(arguments: [String], message: String) {
        let text = Self.failure(arguments)
        #expect(text.contains(message), "\(text)")
    }
}
