import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingStores
import LeadRoutingTestSupport
import NIOCore
import Testing

@testable import LeadRoutingService

/// The store-backed routes on a real Postgres (a fresh schema of the `POSTGRES_URL` database, which
/// `scripts/services/postgres` provides under `scripts/test`); skipped when `POSTGRES_URL` is not set.
@Suite(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run"))
struct PostgresServiceTests {
    typealias S = ServiceTestSupport

    @Test func commitReplayConflictAndLifecycleOnPostgres() async throws {
        let url = try #require(TestEnvironment.postgresURL)
        guard case .postgres(let settings) = try LeadStoreURL(parsing: url) else {
            Issue.record("POSTGRES_URL is not a postgres:// URL")
            return
        }
        let schema = "svc_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await withPostgresLeadStore(settings, configuration: .init(schema: String(schema))) { store in
            _ = try await store.database.read { try await $0.query("CREATE SCHEMA \(schema)", []) }
            var configuration = S.configuration(auth: false)
            configuration.store = url
            let app = try await buildApplication(configuration, logger: S.logger, connection: LeadStoreConnection(store: store))
            try await app.test(.router) { client in
                let lead = #"{"id":"PG1","territoryId":"T1","kind":"buy"}"#
                try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: S.body(lead)) {
                    #expect($0.status == .created)
                }
                try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: S.body(lead)) {
                    #expect($0.status == .ok)
                }
                try await client.execute(
                    uri: "/api/v1/leads",
                    method: .post,
                    headers: S.json,
                    body: S.body(#"{"id":"PG1","territoryId":"T2","kind":"buy"}"#)
                ) { #expect($0.status == .conflict) }
                try await client.execute(uri: "/api/v1/leads/PG1/accept", method: .post) { response throws in
                    #expect(response.status == .ok)
                    #expect(try S.object(response.body)["assignmentState"] as? String == "accepted")
                }
                try await client.execute(uri: "/api/v1/ready", method: .get) { response throws in
                    #expect(response.status == .ok)
                }
                // Bad text is bad input (422), never an outage (503): it no longer reaches Postgres.
                let utf16 = ByteBuffer(bytes: Array(#"{"id":"PG2","territoryId":"T1"}"#.data(using: .utf16LittleEndian)!))
                for body in [S.body(#"{"id":"PG\u0000","territoryId":"T1"}"#), utf16] {
                    try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json, body: body) { response throws in
                        #expect(response.status == .unprocessableContent, "\(String(buffer: response.body))")
                        #expect(response.headers[.retryAfter] == nil)
                    }
                }
                // Replay compares bytes: "café" decomposed is another lead than "café" composed.
                try await client.execute(
                    uri: "/api/v1/leads",
                    method: .post,
                    headers: S.json,
                    body: S.body(#"{"id":"PG3","territoryId":"T1","language":"caf\u00e9"}"#)
                ) { #expect($0.status == .created) }
                try await client.execute(
                    uri: "/api/v1/leads",
                    method: .post,
                    headers: S.json,
                    body: S.body(#"{"id":"PG3","territoryId":"T1","language":"cafe\u0301"}"#)
                ) { #expect($0.status == .conflict) }
            }
            _ = try await store.database.read { try await $0.query("DROP SCHEMA \(schema) CASCADE", []) }
        }
    }
}
