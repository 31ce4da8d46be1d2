// A conformance of a public type is public, hence the public imports.
public import ArgumentParser
public import LeadRoutingCore

/// `leadrouter rebalance`: globally optimal reassignment of stuck or unevenly spread leads.
struct RebalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebalance",
        abstract: "Plan an optimal reassignment of movable leads (min-cost flow over the whole batch) and apply it.",
        subcommands: [RebalancePlanCommand.self, RebalanceApplyCommand.self]
    )
}

extension RebalanceScope: ExpressibleByArgument {}
