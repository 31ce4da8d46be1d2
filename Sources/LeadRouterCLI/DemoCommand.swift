import ArgumentParser

/// Placeholder until implemented.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'demo' is not implemented yet")
    }
}
