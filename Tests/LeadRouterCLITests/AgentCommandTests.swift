import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `leadrouter agent show` prints the record of `GET /api/v1/agents/{id}` (the built binaries, on fixtures/tiny and
/// one SQLite store), reads the store without changing it, and gives an unknown id the API's message.
@Suite struct AgentCommandTests {
    @Test func cliAndHTTPShowTheSameAgentAndTheStoreIsOnlyRead() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-agent")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = "sqlite:" + directory.appendingPathComponent("leads.sqlite").path
        // A1 is offered X1, accepts it and wins it: the store now holds an outcome and an accept to learn from.
        let routed = try CLIProcess.run(
            ["route", "--dataset", "fixtures/tiny", "--store", store, "--lead", "-", "--json"],
            stdin: #"{"id":"X1","territoryId":"T1","kind":"buy"}"#
        )
        #expect(routed.status == 0, "\(routed.stderr)")
        for move in [["accept"], ["close", "--won"]] {
            let result = try CLIProcess.run(["lead"] + move + ["X1", "--agent", "A1", "--store", store, "--dataset", "fixtures/tiny"])
            #expect(result.status == 0, "\(move): \(result.stderr)")
        }
        let file = directory.appendingPathComponent("leads.sqlite")
        let before = try Data(contentsOf: file)
        let cli = try CLIProcess.run(["agent", "show", "A1", "--dataset", "fixtures/tiny", "--store", store, "--json"])
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(try Data(contentsOf: file) == before, "agent show changed the store")
        let view = try #require(try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any])
        let stats = try #require(view["stats"] as? [String: Any])
        #expect((stats["performance"] as? [String: Any])?["wonInStore"] as? Int == 1)
        #expect((stats["responsiveness"] as? [String: Any])?["acceptedInStore"] as? Int == 1)

        let server = try await ServerProcess.start([
            "serve", "--dataset", "fixtures/tiny", "--insecure-no-auth", "--port", "0", "--log-level", "notice", "--store", store,
        ])
        defer { server.stop() }
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/api/v1/agents/A1")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let http = try JSONSerialization.jsonObject(with: data)
        #expect(try AnalyzeServeParityTests.canonical(http) == AnalyzeServeParityTests.canonical(view))

        // The same mistake, the same message.
        let unknown = try CLIProcess.run(["agent", "show", "ZZ", "--dataset", "fixtures/tiny"])
        #expect(unknown.status != 0 && unknown.stderr.contains(AgentView.notFoundMessage("ZZ")), "\(unknown.stderr)")
        let (problem, notFound) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(server.port)/api/v1/agents/ZZ")!)
        #expect((notFound as? HTTPURLResponse)?.statusCode == 404)
        #expect(String(decoding: problem, as: UTF8.self).contains(AgentView.notFoundMessage("ZZ")))
    }

    @Test func textNamesTheLearnedFigures() throws {
        let result = try CLIProcess.run(["agent", "show", "A1", "--dataset", "fixtures/tiny"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("agent A1 (Ann Archer): active, available"))
        #expect(result.stdout.contains("conversion: 0.580 [0.364, 0.781] (history 8 of 10; store 0 won, 0 lost)"))
        #expect(result.stdout.contains("response: 10.0 min (dataset 10.0 min; accepted offers in the store: 0)"))
    }
}
