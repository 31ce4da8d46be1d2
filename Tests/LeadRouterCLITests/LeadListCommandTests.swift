import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

/// `leadrouter lead list` and `lead requeue` as users run them: the listing's JSON is the HTTP listing's shape, bad
/// parameters get the HTTP problem's text, and re-queueing refuses a lead that does not need attention.
@Suite struct LeadListCommandTests {
    @Test func listsByStatusWithTheHTTPShapeAndMessages() async throws {
        try await LeadStoreCommandTests.withStoreURL { url in
            let graph = ["--store", url, "--dataset", "fixtures/tiny"]
            _ = try LeadStoreCommandTests.run(["route", "--lead", "-", "--json"] + graph, stdin: #"{"id":"K1","territoryId":"T1"}"#)
            _ = try LeadStoreCommandTests.run(
                ["route", "--lead", "-", "--json"] + graph,
                stdin: #"{"id":"K2","territoryId":"T1","language":"xx","languageRequired":true}"#
            )
            let page = try JSONSerialization.jsonObject(with: Data(try LeadStoreCommandTests.run(["lead", "list", "--store", url, "--json"]).utf8))
            let object = try #require(page as? [String: Any])
            #expect(Set(object.keys) == ["leads", "nextCursor"])
            let leads = try #require(object["leads"] as? [[String: Any]])
            #expect(leads.map { $0["leadId"] as? String } == ["K1", "K2"])
            #expect(leads.map { $0["status"] as? String } == ["offered", "unroutable"])
            #expect(Set(leads[0].keys) == ["leadId", "status", "agentId", "territoryId", "receivedAt", "updatedAt", "routeAttempts", "lastReason"])

            let text = try LeadStoreCommandTests.run(["lead", "list", "--store", url, "--status", "unroutable"])
            #expect(text.contains("K2") && !text.contains("K1"))
            #expect(text.hasSuffix("1 lead\n"))

            let bad = try CLIProcess.run(["lead", "list", "--store", url, "--status", "stuck"])
            #expect(bad.status != 0)
            #expect(bad.stderr.contains("status: must be one of offered, accepted, unroutable, needs_attention, closed"))

            let requeue = try CLIProcess.run(["lead", "requeue", "K1"] + graph)
            #expect(requeue.status != 0)
            #expect(requeue.stderr.contains("not needs_attention"))
        }
    }
}
