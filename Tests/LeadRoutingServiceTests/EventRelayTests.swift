import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingService
import LeadRoutingTestSupport
import NIOCore
import Testing

/// `serve --nats`: the outbox reaches NATS JetStream by itself, once per event id, in order, and an outage of the
/// NATS server only delays it (a private nats-server per test, so it can be stopped and restarted).
@Suite(.enabled(if: TestEnvironment.natsURL != nil, "set NATS_URL (scripts/services/nats start) to run against a real nats-server"))
struct EventRelayTests {
    typealias S = ServiceTestSupport

    private func waitForMessages(_ server: NATSTestServer, count: Int, within seconds: Double = 15) async throws -> [NATSTestServer.StoredMessage] {
        let deadline = Date().addingTimeInterval(seconds)
        var messages: [NATSTestServer.StoredMessage] = []
        while Date() < deadline {
            messages = (try? server.storedMessages("LEADROUTER")) ?? []
            if messages.count >= count { return messages }
            try await Task.sleep(for: .milliseconds(200))
        }
        return messages
    }

    @Test func everyOutboxEventReachesJetStreamOnceAndInOrderAcrossAnOutage() async throws {
        let server = try NATSTestServer.start()
        defer { server.stop() }
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.nats = server.url
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.live) { client in
            for id in ["E1", "E2", "E3"] {
                try await client.execute(
                    uri: "/api/v1/leads",
                    method: .post,
                    headers: S.json,
                    body: S.body(#"{"id":"\#(id)","territoryId":"T2","kind":"buy"}"#)
                ) { #expect($0.status == .created) }
            }
            let first = try await self.waitForMessages(server, count: 3)
            #expect(first.count == 3)
            server.stop()
            try await client.execute(uri: "/api/v1/leads/E1/accept", method: .post) { #expect($0.status == .ok) }
            for id in ["E4", "E5"] {
                try await client.execute(
                    uri: "/api/v1/leads",
                    method: .post,
                    headers: S.json,
                    body: S.body(#"{"id":"\#(id)","territoryId":"T1","kind":"sell"}"#)
                ) { #expect($0.status == .created) }  // routing does not wait for NATS
            }
            try await Task.sleep(for: .milliseconds(500))
            try server.restart()
            let all = try await self.waitForMessages(server, count: 6)
            #expect(all.count == 6)
            #expect(Set(all.map(\.id)).count == all.count, "a Nats-Msg-Id stored twice: \(all.map(\.id))")
            let ids = all.compactMap { Int($0.id) }
            #expect(ids == ids.sorted(), "events out of outbox order: \(ids)")
            let leads = all.compactMap { message -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(message.data.utf8)) as? [String: Any] else { return nil }
                #expect(message.subject == "leadrouter.events." + ((object["type"] as? String) ?? "?").replacingOccurrences(of: ".", with: "_"))
                #expect(message.id == object["id"] as? String)
                return object["leadId"] as? String
            }
            #expect(leads == ["E1", "E2", "E3", "E1", "E4", "E5"])
            #expect(all[3].subject == "leadrouter.events.lead_accepted")
            try await client.execute(uri: "/metrics", method: .get) { response throws in
                let text = String(buffer: response.body)
                #expect(text.contains(#"leadrouter_events_delivered_total{sink="nats-jetstream"} 6"#), "\(text.prefix(2000))")
                #expect(text.contains("leadrouter_event_delivery_failures_total"))
            }
        }
    }

    @Test func aMisconfiguredNATSURLIsRefusedAtStart() async throws {
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.nats = "http://127.0.0.1:4222"
        await #expect(throws: ServiceConfigurationError.self) { _ = try await buildApplication(configuration, logger: S.logger) }
        configuration.nats = "nats://127.0.0.1:4222"
        configuration.natsStream = "bad.name"
        await #expect(throws: ServiceConfigurationError.self) { _ = try await buildApplication(configuration, logger: S.logger) }
        configuration.natsStream = "LEADROUTER"
        configuration.store = nil
        await #expect(throws: ServiceConfigurationError.self) { _ = try await buildApplication(configuration, logger: S.logger) }
    }
}
