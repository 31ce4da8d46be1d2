import ArgumentParser

/// Placeholder until implemented.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "route", abstract: "Not implemented yet.")

    func run() async throws {
        throw ValidationError("'route' is not implemented yet")
    }
}
