import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import Testing

@testable import LeadRoutingService

/// `serve` expires unanswered offers by itself: with the SLA passed on the injected clock, the running server's
/// sweeper re-routes the lead away from the agent who let it lapse; with the SLA off, nothing moves.
@Suite("Offer SLA sweeper (live server, SQLite in memory, test clock)")
struct OfferSweeperTests {
    typealias S = ServiceTestSupport
    typealias Clock = LifecycleRouteTests.TestClock

    private func lead(_ client: any TestClientProtocol, _ id: String) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/leads/\(id)", method: .get) { response in
            #expect(response.status == .ok)
            return try S.object(response.body)
        }
    }

    private func app(offerSLA: String, clock: Clock) async throws -> some ApplicationProtocol {
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.offerSLA = offerSLA
        return try await buildApplication(configuration, logger: S.logger, clock: clock)
    }

    @Test func anOfferPastItsSLAIsExpiredAndReRoutedWithinSeconds() async throws {
        let clock = Clock()
        try await self.app(offerSLA: "10m", clock: clock).test(.live) { client in
            try await client.execute(
                uri: "/api/v1/leads",
                method: .post,
                headers: S.json,
                body: S.body(#"{"id":"SLA1","territoryId":"T2","kind":"buy"}"#)
            ) {
                #expect($0.status == .created)
            }
            let first = try #require(try await self.lead(client, "SLA1")["agentId"] as? String)
            try await Task.sleep(for: .milliseconds(1500))
            #expect(try await self.lead(client, "SLA1")["agentId"] as? String == first, "expired before the SLA")
            clock.advance(10 * 60_000 + 1)
            var view: [String: Any] = [:]
            for _ in 0..<40 {
                view = try await self.lead(client, "SLA1")
                if (view["agentId"] as? String) != first { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect((view["agentId"] as? String) != first, "still offered to \(first) after the SLA: \(view)")
            let history = view["history"] as? [[String: Any]] ?? []
            #expect(history.contains { ($0["toState"] as? String) == "expired" && ($0["agentId"] as? String) == first }, "\(history)")
        }
    }

    @Test func slaZeroSwitchesExpiryOff() async throws {
        let clock = Clock()
        try await self.app(offerSLA: "0", clock: clock).test(.live) { client in
            try await client.execute(
                uri: "/api/v1/leads",
                method: .post,
                headers: S.json,
                body: S.body(#"{"id":"SLA2","territoryId":"T2","kind":"buy"}"#)
            ) {
                #expect($0.status == .created)
            }
            let first = try await self.lead(client, "SLA2")["agentId"] as? String
            clock.advance(365 * 86_400_000)
            try await Task.sleep(for: .milliseconds(2500))
            #expect(try await self.lead(client, "SLA2")["agentId"] as? String == first)
        }
    }

    @Test func durationsParseAsWrittenAndBadOnesNameTheSetting() throws {
        #expect(DurationText("30m")?.milliseconds == 1_800_000)
        #expect(DurationText("2s")?.milliseconds == 2_000)
        #expect(DurationText("1h30m")?.milliseconds == 5_400_000)
        #expect(DurationText("500ms")?.milliseconds == 500)
        #expect(DurationText("0")?.milliseconds == 0)
        for bad in ["", "30", "m", "3x", "-5s", "1.5h", "99999999999999d"] {
            #expect(DurationText(bad) == nil, "\(bad) parsed")
        }
        var configuration = S.configuration(auth: false)
        configuration.offerSLA = "soon"
        #expect(throws: ServiceConfigurationError(setting: "offer-sla", message: "\"soon\" is not a duration (e.g. 30m, 2s, 1h30m; 0 = off)")) {
            try configuration.validate()
        }
        let resolved = try ServiceConfiguration.resolve(flags: .init(), environment: ["LEADROUTER_OFFER_SLA": "2s"])
        #expect(resolved.offerSLAMillis == 2_000)
        #expect(ServiceConfiguration().offerSLAMillis == 1_800_000)
        #expect(ServiceConfiguration().rerouteOnPause)
        #expect(try ServiceConfiguration.resolve(flags: .init(), environment: ["LEADROUTER_REROUTE_ON_PAUSE": "false"]).rerouteOnPause == false)
    }
}
