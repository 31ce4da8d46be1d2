import ArgumentParser
import Testing

@testable import LeadRouterCLI

/// `leadrouter token` parsing, in process: only known scopes, a positive lifetime, each with a message naming it.
@Suite struct TokenCommandTests {
    private static func parseError(_ arguments: [String]) -> String? {
        do {
            _ = try LeadRouterCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return LeadRouterCommand.message(for: error)
        }
    }

    @Test func parsesScopesAndLifetime() throws {
        let parsed = try LeadRouterCommand.parseAsRoot([
            "token", "--key", "k.pem", "--scope", "leads:read", "--scope", "analytics:read", "--ttl", "60",
        ])
        let command = try #require(parsed as? TokenCommand)
        #expect(command.scope == ["leads:read", "analytics:read"])
        #expect(command.ttl == 60)
        #expect(command.key == "k.pem")
    }

    @Test func rejectsAnUnknownScopeNamingIt() {
        let message = Self.parseError(["token", "--key", "k.pem", "--scope", "leads:wirte"])
        #expect(message?.contains("unknown scope 'leads:wirte'") == true, "\(message ?? "accepted")")
        #expect(message?.contains("leads:write, leads:read, agents:write, analytics:read") == true)
    }

    @Test(arguments: ["-5", "0"])
    func rejectsANonPositiveLifetime(_ ttl: String) {
        let message = Self.parseError(["token", "--key", "k.pem", "--ttl", ttl])
        #expect(message?.contains("must be at least 1 second, not \(ttl)") == true, "\(message ?? "accepted")")
    }

    @Test func needsAKey() {
        #expect(Self.parseError(["token"])?.contains("--key") == true)
    }
}
