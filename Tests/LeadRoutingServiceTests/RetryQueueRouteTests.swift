import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import Testing

@testable import LeadRoutingService

/// `serve` works its retry queue by itself: an unroutable lead is retried by the running server and, after
/// `--max-route-attempts`, listed as `needs_attention`; a person re-queues it. The listing speaks the same query
/// language as `leadrouter lead list`.
@Suite("Retry queue and lead listing over HTTP (live server, SQLite in memory)")
struct RetryQueueRouteTests {
    typealias S = ServiceTestSupport

    @Test func anUnroutableLeadIsDeadLetteredListedAndRequeued() async throws {
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.maxRouteAttempts = 1
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.live) { client in
            let nobodySpeaksIt = #"{"id":"Q1","territoryId":"T2","kind":"buy","language":"xx","languageRequired":true}"#
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: S.body(nobodySpeaksIt)) { response throws in
                #expect(response.status == .created)
                #expect(try S.object(response.body)["status"] as? String == "unroutable")
            }
            try await client.execute(
                uri: "/api/v1/leads",
                method: .post,
                headers: S.json,
                body: S.body(#"{"id":"Q2","territoryId":"T2","kind":"buy"}"#)
            ) {
                #expect($0.status == .created)
            }
            var page: [String: Any] = [:]
            for _ in 0..<80 {
                page = try await client.execute(uri: "/api/v1/leads?status=needs_attention", method: .get) { try S.object($0.body) }
                if (page["leads"] as? [Any])?.isEmpty == false { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            let listed = try #require(page["leads"] as? [[String: Any]])
            #expect(listed.map { $0["leadId"] as? String } == ["Q1"])
            #expect(listed.first?["routeAttempts"] as? Int == 1)
            #expect((listed.first?["lastReason"] as? String)?.hasPrefix("no_eligible_agent") == true)
            #expect(page.keys.contains("nextCursor"))

            try await client.execute(uri: "/api/v1/leads/Q1", method: .get) { response throws in
                #expect(try S.object(response.body)["status"] as? String == "needs_attention")
            }
            try await client.execute(uri: "/api/v1/leads?agent=nobody", method: .get) { response throws in
                #expect((try S.object(response.body)["leads"] as? [Any])?.isEmpty == true)
            }
            try await client.execute(uri: "/api/v1/leads?status=offered", method: .get) { response throws in
                let leads = try S.object(response.body)["leads"] as? [[String: Any]] ?? []
                #expect(leads.map { $0["leadId"] as? String } == ["Q2"])
            }
            try await client.execute(uri: "/api/v1/leads?status=stuck", method: .get) { response throws in
                #expect((400..<500).contains(response.status.code))
                #expect(try S.object(response.body)["field"] as? String == "status")
            }
            try await client.execute(uri: "/api/v1/leads/Q1/requeue", method: .post) { response throws in
                #expect(response.status == .ok)
                #expect(try S.object(response.body)["status"] as? String == "unroutable")
            }
            try await client.execute(uri: "/api/v1/leads/Q2/requeue", method: .post) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/leads/NOPE/requeue", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                let text = String(buffer: response.body)
                #expect(text.contains("leadrouter_dead_letters_total 1"), "\(text.prefix(3000))")
                #expect(text.contains("leadrouter_retry_queue_depth"))
            }
        }
    }
}
