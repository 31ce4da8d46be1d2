import ArgumentParser

/// `leadrouter bench`: benchmarks that print figures (never timed unit tests).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run a benchmark and print its figures as JSON.",
        subcommands: [BenchRouteCommand.self, BenchStoreCommand.self, BenchAnalyzeCommand.self, BenchRebalanceCommand.self]
    )
}
