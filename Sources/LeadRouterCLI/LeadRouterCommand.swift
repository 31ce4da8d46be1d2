import ArgumentParser
import LeadRoutingCore

/// `leadrouter`: the command-line entry point. Each verb lives in its own file and calls the libraries.
@main
struct LeadRouterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadrouter",
        abstract: "Graph-centric lead routing: route leads to agents over a referral network, explain every decision.",
        version: "0.1.0",
        subcommands: [
            DemoCommand.self,
            RouteCommand.self,
            GenerateCommand.self,
            BenchCommand.self,
            MigrateCommand.self,
            AssignmentsCommand.self,
            LeadCommand.self,
            AgentCommand.self,
            StoreCommand.self,
            RebalanceCommand.self,
            SimulateCommand.self,
            ReplayCommand.self,
            AnalyzeCommand.self,
            ImportCommand.self,
            ServeCommand.self,
            TokenCommand.self,
        ]
    )

    /// The wall clock of every timestamp the CLI records: one, injected into the lead lifecycle and the service.
    static let clock: any WallClock = SystemWallClock()
}
