import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingTestSupport
import Testing

@testable import LeadRoutingService

/// `POST /api/v1/admin/graph:reload` on a dataset directory: a changed directory is routed on at once (previews and
/// committed decisions carry its version); a directory that fails validation leaves the old graph serving and answers
/// a problem naming the file and line.
@Suite("Graph reload (dataset directory)")
struct GraphReloadRouteTests {
    typealias S = ServiceTestSupport

    /// The tiny fixture's CSV files in a directory of their own, which the test may change.
    private static func copyOfTiny() throws -> URL {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-reload")
        for file in try FileManager.default.contentsOfDirectory(atPath: S.tinyDataset) where file.hasSuffix(".csv") {
            try FileManager.default.copyItem(atPath: S.tinyDataset + "/" + file, toPath: directory.appendingPathComponent(file).path)
        }
        return directory
    }

    /// Rewrites one line of `agents.csv`.
    private static func editAgents(_ directory: URL, _ edit: (String) -> String) throws {
        let path = directory.appendingPathComponent("agents.csv").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.split(separator: "\n", omittingEmptySubsequences: false).map { edit(String($0)) }.joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func app(_ directory: URL) async throws -> some ApplicationProtocol {
        var configuration = S.configuration(dataset: directory.path)
        configuration.store = "sqlite::memory:"
        return try await buildApplication(configuration, logger: S.logger)
    }

    private static let lead = #"{"id":"R1","territoryId":"T1","kind":"buy"}"#

    private func preview(_ client: some TestClientProtocol, _ token: String) async throws -> RoutingDecision {
        try await client.execute(uri: "/api/v1/leads:preview", method: .post, headers: S.json + S.bearer(token), body: S.body(Self.lead)) {
            #expect($0.status == .ok)
            return try S.decode(RoutingDecision.self, $0.body)
        }
    }

    private func ready(_ client: some TestClientProtocol) async throws -> [String: Any] {
        try await client.execute(uri: "/api/v1/ready", method: .get) { try #require(try S.object($0.body)["graph"] as? [String: Any]) }
    }

    @Test func aReloadRoutesOnTheChangedDirectoryAtOnce() async throws {
        let directory = try Self.copyOfTiny()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try await S.token()
        let admin = try await S.token(scopes: ["admin"])
        try await self.app(directory).test(.router) { client in
            let before = try await self.preview(client, token)
            #expect(before.agentId == "A1")
            #expect(try await self.ready(client)["source"] as? String == "dataset")

            // Ann goes inactive in the directory.
            try Self.editAgents(directory) { $0.hasPrefix("A1,") ? $0.replacingOccurrences(of: ",true,", with: ",false,") : $0 }
            try await client.execute(uri: "/api/v1/admin/graph:reload", method: .post, headers: S.bearer(token)) {
                #expect($0.status == .forbidden, "the reload needs the admin scope")
            }
            #expect(try await self.preview(client, token).graphVersion == before.graphVersion, "a refused reload changed the graph")
            let outcome = try await client.execute(uri: "/api/v1/admin/graph:reload", method: .post, headers: S.bearer(admin)) {
                #expect($0.status == .ok)
                return try S.object($0.body)
            }
            #expect(outcome["reloaded"] as? Bool == true)
            #expect(outcome["previousGraphVersion"] as? String == before.graphVersion)
            let version = try #require(outcome["graphVersion"] as? String)
            #expect(version != before.graphVersion)

            let after = try await self.preview(client, token)
            #expect(after.graphVersion == version && after.agentId != "A1", "\(after)")
            // The lead lifecycle routes on the new graph too.
            try await client.execute(uri: "/api/v1/leads", method: .post, headers: S.json + S.bearer(token), body: S.body(Self.lead)) {
                #expect($0.status == .created)
                let decision = try S.decode(RoutingDecision.self, $0.body)
                #expect(decision.graphVersion == version && decision.agentId != "A1", "\(decision)")
            }
            let ready = try await self.ready(client)
            #expect(ready["version"] as? String == version && ready["stale"] as? Bool == false)
            try await client.execute(uri: "/metrics", method: .get) {
                let text = String(buffer: $0.body)
                #expect(text.contains(#"leadrouter_graph_refreshes_total{source="dataset",outcome="reloaded"} 1"#), "\(text)")
                #expect(text.contains(version) && !text.contains(#"version="\#(before.graphVersion)""#), "one graph_info series")
            }
        }
    }

    @Test func aDirectoryThatFailsValidationLeavesTheOldGraphServing() async throws {
        let directory = try Self.copyOfTiny()
        defer { try? FileManager.default.removeItem(at: directory) }
        let token = try await S.token(scopes: ["leads:read", "admin"])
        try await self.app(directory).test(.router) { client in
            let before = try await self.preview(client, token)
            try Self.editAgents(directory) { $0.hasPrefix("A2,") ? $0.replacingOccurrences(of: ",10,0,", with: ",ten,0,") : $0 }
            try await client.execute(uri: "/api/v1/admin/graph:reload", method: .post, headers: S.bearer(token)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try S.object(response.body)
                #expect((problem["type"] as? String)?.hasSuffix("/invalid-graph") == true)
                let detail = try #require(problem["detail"] as? String)
                #expect(detail.contains("agents.csv:3:"), "names the file and line: \(detail)")
                #expect(detail.contains("capacity"), "\(detail)")
            }
            let during = try await self.preview(client, token)
            #expect(during.graphVersion == before.graphVersion && during.agentId == before.agentId, "the old graph keeps serving")
            var ready = try await self.ready(client)
            #expect(ready["version"] as? String == before.graphVersion)
            #expect(ready["stale"] as? Bool == true && ready["consecutiveFailures"] as? Int == 1)
            #expect((ready["lastError"] as? String)?.contains("agents.csv:3:") == true)

            // Fixed: the next reload works and clears the failure.
            try Self.editAgents(directory) { $0.replacingOccurrences(of: ",ten,0,", with: ",10,0,") }
            try await client.execute(uri: "/api/v1/admin/graph:reload", method: .post, headers: S.bearer(token)) {
                #expect($0.status == .ok)
            }
            ready = try await self.ready(client)
            #expect(ready["stale"] as? Bool == false && ready["consecutiveFailures"] as? Int == 0)
        }
    }
}
