import ArgumentParser

/// Placeholder until implemented.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'bench' is not implemented yet")
    }
}
