import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingService

/// `serve --rebalance-every … --rebalance-scope …`: the running server plans and applies by itself, publishes its
/// metrics, and the settings are checked.
@Suite("Periodic rebalance (live server, SQLite in memory)")
struct RebalanceJobTests {
    typealias S = ServiceTestSupport

    @Test func theJobMovesLeadsAndPublishesItsMetrics() async throws {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-rebalance-job")
        defer { try? FileManager.default.removeItem(at: directory) }
        let policy = directory.appendingPathComponent("policy.json")
        try Data(
            #"""
            {"version":"steep","rebalance":{"churnPenalty":0,"loadCost":[{"upToUtilisation":0.5,"costPerLead":0},{"upToUtilisation":1,"costPerLead":0.5}]}}
            """#.utf8
        ).write(to: policy)
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.policy = policy.path
        configuration.offerSLA = "0"
        configuration.rebalanceEvery = "300ms"
        configuration.rebalanceScope = "open"
        try await buildApplication(configuration, logger: S.logger).test(.live) { client in
            for id in ["R1", "R2", "R3"] {
                try await client.execute(
                    uri: "/api/v1/leads",
                    method: .post,
                    headers: S.json,
                    body: S.body(#"{"id":"\#(id)","territoryId":"T1","kind":"buy"}"#)
                ) { #expect($0.status == .created) }
            }
            var metrics = ""
            var moved = false
            for _ in 0..<100 {
                try await Task.sleep(for: .milliseconds(100))
                metrics = try await client.execute(uri: "/metrics", method: .get) { String(buffer: $0.body) }
                let agents = try await ["R1", "R2", "R3"].asyncMap { id in
                    try await client.execute(uri: "/api/v1/leads/\(id)", method: .get) { try S.object($0.body)["agentId"] as? String }
                }
                moved = agents.contains { $0 != "A1" }
                if moved && metrics.contains(#"leadrouter_rebalance_moves_total{outcome="applied""#) { break }
            }
            #expect(moved, "a lead left A1")
            #expect(metrics.contains(#"leadrouter_rebalance_plans_total{trigger="periodic"}"#), "\(metrics)")
            #expect(metrics.contains(#"leadrouter_rebalance_moves_total{outcome="applied",reason="none"}"#))
            #expect(metrics.contains("leadrouter_rebalance_objective_gain"))
            #expect(metrics.contains("leadrouter_rebalance_plan_duration_seconds"))
        }
    }

    @Test func theSettingsAreChecked() throws {
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.rebalanceEvery = "soon"
        #expect(throws: ServiceConfigurationError.self) { try configuration.validate() }
        configuration.rebalanceEvery = "15m"
        configuration.rebalanceScope = "all"
        #expect(throws: ServiceConfigurationError(setting: "rebalance-scope", message: "must be stale or open")) { try configuration.validate() }
        configuration.rebalanceScope = "open"
        #expect(throws: Never.self) { try configuration.validate() }
        #expect(configuration.rebalanceEveryMillis == 900_000)
        configuration.store = nil
        #expect(throws: ServiceConfigurationError.self) { try configuration.validate() }
        let fromEnvironment = try ServiceConfiguration.resolve(
            flags: .init(),
            environment: ["LEADROUTER_REBALANCE_EVERY": "1h", "LEADROUTER_REBALANCE_SCOPE": "open"]
        )
        #expect(fromEnvironment.rebalanceEvery == "1h" && fromEnvironment.rebalanceScope == "open")
        #expect(ServiceConfiguration().rebalanceEvery == "0" && ServiceConfiguration().rebalanceScope == "stale")
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
