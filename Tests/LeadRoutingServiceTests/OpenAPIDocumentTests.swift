import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingAnalysis
import LeadRoutingCore
import LeadRoutingService
import LeadRoutingTestSupport
import NIOCore
import Testing

/// The committed OpenAPI document, read with a small line parser that relies on its layout (2-space indents,
/// block style down to the response level). Full schema validation of live responses is schemathesis's job
/// (`scripts/checks/schemathesis`); this test keeps routes, statuses, media types and required keys honest.
struct OpenAPIOutline {
    struct Operation {
        var path: String
        var method: String
        var operationId: String?
        /// Status → (media type, schema name when a `$ref` to components/schemas).
        var responses: [String: (mediaType: String, schema: String?)] = [:]
    }

    var operations: [Operation] = []
    /// Schema name → required property names.
    var required: [String: [String]] = [:]

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func indent(_ line: String) -> Int { line.prefix { $0 == " " }.count }
        func key(_ line: String) -> String {
            var k = line.trimmingCharacters(in: .whitespaces)
            if let colon = k.firstIndex(of: ":"), k.hasPrefix("'") == false {
                k = String(k[..<colon])
            } else if k.hasPrefix("'") {
                k = String(k.dropFirst().prefix { $0 != "'" })
            }
            return k
        }
        var section = ""
        var path = ""
        var current: Operation? = nil
        var inResponses = false
        var status = ""
        var schemaName = ""
        var inContent = false
        for (i, line) in lines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let level = indent(line)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if level == 0 {
                section = key(line)
                continue
            }
            if section == "paths" {
                if level == 2 {
                    path = String(trimmed.dropLast())
                } else if level == 4 {
                    if let op = current { self.operations.append(op) }
                    current = Operation(path: path, method: key(line).uppercased())
                    inResponses = false
                } else if level == 6 {
                    if trimmed.hasPrefix("operationId:") { current?.operationId = trimmed.split(separator: " ").last.map(String.init) }
                    inResponses = trimmed == "responses:"
                } else if level == 10 && inResponses {
                    inContent = trimmed == "content:"
                } else if level == 8 && inResponses {
                    inContent = false
                    status = key(line)
                    if trimmed.contains("#/components/responses/Problem") {
                        current?.responses[status] = ("application/problem+json", "Problem")
                    } else if trimmed.contains("#/components/responses/LeadRecord") {
                        current?.responses[status] = ("application/json", "LeadRecord")
                    }
                } else if level == 12 && inResponses && inContent && !status.isEmpty && trimmed.hasSuffix(":") {
                    var schema: String? = nil
                    for next in lines[(i + 1)...].prefix(3) where next.contains("#/components/schemas/") {
                        schema = next.components(separatedBy: "#/components/schemas/").last?.trimmingCharacters(in: CharacterSet(charactersIn: "'} "))
                        break
                    }
                    current?.responses[status] = (String(trimmed.dropLast()), schema)
                }
            } else if section == "components" {
                if level == 4 {
                    schemaName = String(trimmed.dropLast())
                } else if level == 6 && trimmed.hasPrefix("required: [") {
                    let list = trimmed.dropFirst("required: [".count).dropLast()
                    self.required[schemaName] = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                }
            }
        }
        if let op = current { self.operations.append(op) }
    }
}

@Suite("OpenAPI document matches the server")
struct OpenAPIDocumentTests {
    typealias S = ServiceTestSupport

    static func outline() throws -> OpenAPIOutline {
        OpenAPIOutline(String(decoding: try OpenAPIDocument.bytes(), as: UTF8.self))
    }

    @Test func everyRouteIsDocumentedAndViceVersa() throws {
        let outline = try Self.outline()
        let documented = Set(outline.operations.map { "\($0.method) \($0.path)" })
        let registered = Set(APIRoute.all.map { "\($0.method) \($0.path)" })
        #expect(
            documented == registered,
            "only documented: \(documented.subtracting(registered)); only registered: \(registered.subtracting(documented))"
        )
        for route in APIRoute.all {
            let operation = outline.operations.first { $0.method == route.method && $0.path == route.path }
            #expect(operation?.operationId == route.operation.rawValue)
        }
    }

    /// The analytics operation documents exactly the core's algorithms and query parameters.
    @Test func analyticsParametersAreTheCoresAnalysisParameters() throws {
        let text = String(decoding: try OpenAPIDocument.bytes(), as: UTF8.self)
        let start = try #require(text.range(of: "  /api/v1/analytics/{algorithm}:\n"))
        let end = try #require(text.range(of: "      responses:", range: start.upperBound..<text.endIndex))
        let operation = text[start.upperBound..<end.lowerBound]
        let names = operation.matches(of: /name: ([a-z-]+)/).map { String($0.1) }
        #expect(names.first == "algorithm")
        #expect(Set(names.dropFirst()) == Set(AnalysisParameter.allCases.map(\.rawValue)))
        #expect(names.count == AnalysisParameter.allCases.count + 1, "a parameter documented twice: \(names)")
        let algorithms = try #require(operation.firstMatch(of: /enum: \[(pagerank[^\]]*)\]/)).1.split(separator: ", ").map(String.init)
        #expect(algorithms == AnalysisAlgorithm.allCases.map(\.rawValue))
    }

    @Test func documentIsTheCommittedFile() throws {
        let committed = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("Sources/LeadRoutingService/Resources/openapi.yaml"))
        #expect(Array(committed) == (try OpenAPIDocument.bytes()))
        #expect(String(decoding: committed, as: UTF8.self).hasPrefix("openapi: 3.1.0\n"))
    }

    /// Sample calls for every operation: each answer's status must be documented for that operation, with the
    /// documented media type and the schema's required keys.
    @Test func sampleResponsesConformToTheDocument() async throws {
        let outline = try Self.outline()
        let token = try await S.token(scopes: ["leads:write", "leads:read", "agents:write", "analytics:read", "admin"])
        let weak = try await S.token(scopes: [])
        var configuration = S.configuration()
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger)
        let lead = S.body(#"{"id":"O1","territoryId":"T1","kind":"buy"}"#)
        let calls: [(String, HTTPRequest.Method, String?, ByteBuffer?, HTTPFields)] = [
            ("/api/v1/leads", .post, "createLead", lead, S.json),
            ("/api/v1/leads:preview", .post, "previewLead", lead, S.json),
            ("/api/v1/leads:preview", .post, "previewLead", S.body(#"{"id":"O1"}"#), S.json),
            ("/api/v1/leads:preview", .post, "previewLead", lead, [.contentType: "text/plain"]),
            ("/api/v1/leads/O1", .get, "getLead", nil, [:]),
            ("/api/v1/leads", .post, "createLead", S.body(#"{"id":"O1","territoryId":"T2","kind":"buy"}"#), S.json),
            ("/api/v1/leads/NOPE", .get, "getLead", nil, [:]),
            ("/api/v1/leads/O1/accept", .post, "acceptLead", nil, [:]),
            ("/api/v1/leads/O1/decline", .post, "declineLead", nil, [:]),
            ("/api/v1/leads/O1/decline", .post, "declineLead", S.body(#"{"agentId":"A1","reason":"busy"}"#), S.json),
            ("/api/v1/leads/O1/decline", .post, "declineLead", S.body("{"), S.json),
            ("/api/v1/leads/lead%20one", .get, "getLead", nil, [:]),
            ("/api/v1/agents/A%201", .get, "getAgent", nil, [:]),
            ("/api/v1/analytics/pagerank?damping=2", .get, "getAnalytics", nil, [:]),
            ("/api/v1/leads/O1/close", .post, "closeLead", nil, [:]),
            ("/api/v1/leads/O1/close", .post, "closeLead", S.body(#"{"won":true}"#), S.json),
            ("/api/v1/leads/O1/correct", .post, "correctLead", S.body(#"{"won":false}"#), S.json),
            ("/api/v1/leads/O1/correct", .post, "correctLead", nil, [:]),
            ("/api/v1/leads/O1/reopen", .post, "reopenLead", nil, [:]),
            ("/api/v1/leads/NOPE/reopen", .post, "reopenLead", nil, [:]),
            ("/api/v1/agents?limit=3", .get, "listAgents", nil, [:]),
            ("/api/v1/agents?limit=x", .get, "listAgents", nil, [:]),
            ("/api/v1/agents/A1", .get, "getAgent", nil, [:]),
            ("/api/v1/agents/NOPE", .get, "getAgent", nil, [:]),
            ("/api/v1/agents/A1/availability", .put, "setAgentAvailability", S.body(#"{"available":false}"#), S.json),
            ("/api/v1/territories/T1/coverage", .get, "getTerritoryCoverage", nil, [:]),
            ("/api/v1/territories/NOPE/coverage", .get, "getTerritoryCoverage", nil, [:]),
            ("/api/v1/analytics/pagerank?top=2", .get, "getAnalytics", nil, [:]),
            ("/api/v1/analytics/reach?agent=A1", .get, "getAnalytics", nil, [:]),
            ("/api/v1/analytics/reach", .get, "getAnalytics", nil, [:]),
            ("/api/v1/analytics/nope", .get, "getAnalytics", nil, [:]),
            ("/api/v1/admin/webhooks/failures?limit=2", .get, "listWebhookFailures", nil, [:]),
            ("/api/v1/admin/webhooks/failures?cursor=bogus", .get, "listWebhookFailures", nil, [:]),
            ("/api/v1/admin/webhooks/failures/1/retry", .post, "retryWebhookFailure", nil, [:]),
            ("/api/v1/admin/webhooks/failures/x/retry", .post, "retryWebhookFailure", nil, [:]),
            ("/api/v1/admin/graph:reload", .post, "reloadGraph", nil, [:]),
            ("/api/v1/health", .get, "health", nil, [:]),
            ("/api/v1/ready", .get, "ready", nil, [:]),
            ("/api/v1/metrics", .get, "metrics", nil, [:]),
            ("/api/v1/openapi.yaml", .get, "openapi", nil, [:]),
        ]
        try await app.test(.router) { client in
            for (uri, method, operationId, body, headers) in calls {
                for credential in [token, weak, nil] as [String?] {
                    let operation = try #require(outline.operations.first { $0.operationId == operationId })
                    try await client.execute(uri: uri, method: method, headers: headers + (credential.map { S.bearer($0) } ?? [:]), body: body) {
                        response throws in
                        let status = String(response.status.code)
                        let documented = operation.responses[status]
                        #expect(documented != nil, "\(method) \(uri) answered \(status), not documented")
                        guard let documented else { return }
                        let mediaType = response.headers[.contentType]?.split(separator: ";").first.map(String.init)
                        #expect(mediaType == documented.mediaType, "\(method) \(uri) \(status)")
                        if let schema = documented.schema, let required = outline.required[schema] {
                            let object = try S.object(response.body)
                            for key in required { #expect(object.keys.contains(key), "\(method) \(uri) \(status): \(schema).\(key) missing") }
                        }
                    }
                }
            }
        }
    }
}
