import ArgumentParser
import LeadRoutingCore
import LeadRoutingGenerator
import Testing

@testable import LeadRouterCLI

/// `generate --shape` and `bench route --search`, parsed in process from the root command.
@Suite struct ScaleOptionsParsingTests {
    func failure(_ arguments: [String]) -> String? {
        do {
            let parsed = try LeadRouterCommand.parseAsRoot(arguments)
            if let generate = parsed as? GenerateCommand { _ = try generate.makeConfiguration() }
            return nil
        } catch {
            return LeadRouterCommand.message(for: error)
        }
    }

    @Test func generateTakesTheNationalShape() throws {
        let parsed = try LeadRouterCommand.parseAsRoot(["generate", "--shape", "national", "--agents", "1000", "--out", "/tmp/x"])
        let command = try #require(parsed as? GenerateCommand)
        #expect(try command.makeConfiguration().shape == .national)
        let plain = try #require(try LeadRouterCommand.parseAsRoot(["generate", "--out", "/tmp/x"]) as? GenerateCommand)
        #expect(try plain.makeConfiguration().shape == .metro)
    }

    @Test func generateRejectsAnUnknownShape() throws {
        let message = try #require(self.failure(["generate", "--shape", "planet", "--out", "/tmp/x"]))
        #expect(message.contains("unknown shape 'planet'") && message.contains("metro, national"), "\(message)")
    }

    @Test func benchRouteTakesTheSearch() throws {
        let pruned = try #require(try LeadRouterCommand.parseAsRoot(["bench", "route"]) as? BenchRouteCommand)
        #expect(pruned.search == .pruned)
        let exhaustive = try #require(try LeadRouterCommand.parseAsRoot(["bench", "route", "--search", "exhaustive"]) as? BenchRouteCommand)
        #expect(exhaustive.search == .exhaustive)
        let message = try #require(self.failure(["bench", "route", "--search", "greedy"]))
        #expect(message.contains("greedy"), "\(message)")
    }
}
