import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingSQL
import LeadRoutingSQLite
import LeadRoutingStores
import NIOCore
import Synchronization
import Testing

@testable import LeadRoutingService

/// One rule for every route: 400 for what cannot be parsed, 422 naming what is not allowed (with a title saying what
/// was invalid and the CLI's text as the detail), 413 for one size limit; text and ids checked at the edge; strict
/// idempotency; the same sorted JSON on every answer.
@Suite("Interface rules (router, SQLite in memory)")
struct InterfaceRulesTests {
    typealias S = ServiceTestSupport

    func withApp(
        dataset: String = S.tinyDataset,
        _ test: @escaping @Sendable (any TestClientProtocol, SQLiteLeadStore) async throws -> Void
    ) async throws {
        let store = try await SQLiteLeadStore.openSQLite(path: nil)
        var configuration = S.configuration(auth: false, dataset: dataset)
        configuration.store = "sqlite::memory:"
        let app = try await buildApplication(configuration, logger: S.logger, connection: LeadStoreConnection(store: store))
        try await app.test(.router) { client in try await test(client, store) }
    }

    struct Problem: Decodable {
        var status: Int
        var title: String
        var detail: String?
        var field: String?
    }

    static func send(
        _ client: any TestClientProtocol,
        _ method: HTTPRequest.Method,
        _ uri: String,
        _ body: [UInt8]? = nil,
        headers: HTTPFields = S.json
    ) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: method, headers: body == nil ? [:] : headers, body: body.map { ByteBuffer(bytes: $0) }) {
            ($0.status, String(buffer: $0.body))
        }
    }

    static func problem(_ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, _ body: String?) async throws -> Problem {
        let (status, text) = try await Self.send(client, method, uri, body.map { Array($0.utf8) })
        let problem = try JSONDecoder().decode(Problem.self, from: Data(text.utf8))
        #expect(problem.status == Int(status.code))
        return problem
    }

    @Test func malformedIs400AndInvalidIs422OnEveryRoute() async throws {
        try await self.withApp { client, _ in
            _ = try await Self.send(client, .post, "/api/v1/leads", Array(#"{"id":"M1","territoryId":"T1"}"#.utf8))
            for (method, uri) in [
                (HTTPRequest.Method.post, "/api/v1/leads"), (.post, "/api/v1/leads:preview"), (.post, "/api/v1/leads/M1/accept"),
                (.post, "/api/v1/leads/M1/decline"), (.post, "/api/v1/leads/M1/close"), (.put, "/api/v1/agents/A1/availability"),
            ] {
                let malformed = try await Self.problem(client, method, uri, #"{"id": "#)
                #expect(malformed.status == 400, "\(uri)")
                #expect(malformed.title == "Malformed JSON", "\(uri)")
            }
            // Titles name what was invalid.
            let availability = try await Self.problem(client, .put, "/api/v1/agents/A1/availability", #"{"available":"no"}"#)
            #expect((availability.status, availability.title, availability.field) == (422, "Invalid Availability", "available"))
            let extra = try await Self.problem(client, .put, "/api/v1/agents/A1/availability", #"{"available":true,"until":"May"}"#)
            #expect((extra.status, extra.field) == (422, "until"))
            let won = try await Self.problem(client, .post, "/api/v1/leads/M1/accept", #"{"won":true}"#)
            #expect((won.status, won.title, won.field) == (422, "Invalid Accept Request", "won"))
            let limit = try await Self.problem(client, .get, "/api/v1/agents?limit=0", nil)
            #expect((limit.status, limit.title, limit.field) == (422, "Invalid Parameter", "limit"))
            let damping = try await Self.problem(client, .get, "/api/v1/analytics/pagerank?damping=2", nil)
            #expect((damping.status, damping.title, damping.field) == (422, "Invalid Parameter", "damping"))
        }
    }

    @Test func anUnknownLeadFieldIs422WithTheCLIsMessage() async throws {
        let body = #"{"id":"U1","territoryId":"T1","langauge":"es"}"#
        // The text `route --lead` prints after the file name.
        let cliText = (#expect(throws: InputError.self) { _ = try Lead.decode(json: Array(body.utf8)) })?.description
        try await self.withApp { client, store in
            for uri in ["/api/v1/leads", "/api/v1/leads:preview"] {
                let problem = try await Self.problem(client, .post, uri, body)
                #expect((problem.status, problem.title, problem.field) == (422, "Invalid Lead", "langauge"))
                #expect(problem.detail == cliText)
            }
            #expect(try await store.lead("U1") == nil)
        }
    }

    @Test func textAndIdsAreCheckedAtTheEdge() async throws {
        try await self.withApp { client, store in
            let utf16 = Array(#"{"id":"W1","territoryId":"T1"}"#.data(using: .utf16LittleEndian)!)
            let (status, text) = try await Self.send(client, .post, "/api/v1/leads", utf16)
            #expect(status == .unprocessableContent, "\(text)")
            #expect(text.contains("must be UTF-8 JSON text"))
            for id in [#"W\u0000"#, "lead one", "lead%20one", "-W"] {
                let problem = try await Self.problem(client, .post, "/api/v1/leads", #"{"id":"\#(id)","territoryId":"T1"}"#)
                #expect((problem.status, problem.field) == (422, "id"), "\(id)")
            }
            #expect(try await store.database.read { try await $0.query("SELECT count(*) FROM leads", []) }.first?.int(0) == 0)
            // Path ids are used as sent: outside the alphabet they are refused, not looked up.
            for uri in ["/api/v1/leads/lead%20one", "/api/v1/leads/lead%20one/accept", "/api/v1/agents/A%201", "/api/v1/territories/T%001/coverage"] {
                let method: HTTPRequest.Method = uri.hasSuffix("accept") ? .post : .get
                let problem = try await Self.problem(client, method, uri, nil)
                #expect((problem.status, problem.field) == (422, "id"), "\(uri)")
            }
        }
    }

    @Test func oneSizeLimitAnsweredWith413() async throws {
        try await self.withApp { client, _ in
            // 20 KB of whitespace around a valid lead: under the one limit (64 KiB), so accepted (it was 422 at 16 KiB).
            let padded = "{" + String(repeating: " ", count: 20_000) + #""id":"Z1","territoryId":"T1"}"#
            #expect(try await Self.send(client, .post, "/api/v1/leads", Array(padded.utf8)).0 == .created)
            let huge = "{" + String(repeating: " ", count: 70_000) + #""id":"Z2","territoryId":"T1"}"#
            let problem = try await Self.problem(client, .post, "/api/v1/leads", huge)
            #expect((problem.status, problem.title) == (413, "Content Too Large"))
        }
    }

    @Test func declineNeedsTheAgentAndConcurrentRetriesDeclineOneAgent() async throws {
        try await self.withApp { client, store in
            _ = try await Self.send(client, .post, "/api/v1/leads", Array(#"{"id":"D1","territoryId":"T1"}"#.utf8))
            let holder = try #require(try await store.lead("D1")?.activeAssignment?.agentId)
            let missing = try await Self.problem(client, .post, "/api/v1/leads/D1/decline", nil)
            #expect((missing.status, missing.field) == (422, "agentId"))
            let other = holder == "A2" ? "A5" : "A2"
            let notHolding = try await Self.problem(client, .post, "/api/v1/leads/D1/decline", #"{"agentId":"\#(other)"}"#)
            #expect(notHolding.status == 409)
            let body = Array(#"{"agentId":"\#(holder)","reason":"fully booked this week"}"#.utf8)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<20 { group.addTask { try await Self.send(client, .post, "/api/v1/leads/D1/decline", body).0 } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .ok }, "\(statuses)")
            let record = try #require(try await store.lead("D1"))
            #expect(record.assignments.filter { $0.state == .declined }.map(\.agentId) == [holder])
            #expect(record.audit.filter { $0.action == "declined" }.map(\.detail) == ["fully booked this week"])
            let (_, text) = try await Self.send(client, .get, "/api/v1/leads/D1")
            #expect(text.contains(#""detail":"fully booked this week""#))
            #expect(try await store.checkInvariants().filter { $0.violations != 0 }.isEmpty)
        }
    }

    @Test func replayComparesTheCanonicalBytes() async throws {
        try await self.withApp { client, _ in
            let composed = Array(#"{"id":"R1","territoryId":"T1","language":"caf\u00e9"}"#.utf8)
            let decomposed = Array(#"{"id":"R1","territoryId":"T1","language":"cafe\u0301"}"#.utf8)
            let extra = Array(#"{"id":"R1","territoryId":"T1","language":"caf\u00e9","note":"x"}"#.utf8)
            var statuses: [HTTPResponse.Status] = []
            for body in [composed, composed, decomposed, extra] { statuses.append(try await Self.send(client, .post, "/api/v1/leads", body).0) }
            #expect(statuses == [.created, .ok, .conflict, .unprocessableContent])
        }
    }

    @Test func answersHaveSortedKeysShortFloatsAndAgentNames() async throws {
        try await self.withApp(dataset: S.metroDataset) { client, _ in
            let (_, agent) = try await Self.send(client, .get, "/api/v1/agents/A0000001")
            #expect(agent.contains(#""responseMinutes":45.2"#), "\(agent)")
            #expect(agent.contains(#""name":"Huong Phan""#))
            let keys = ["active", "available", "capacity", "id", "kinds", "languages", "name", "openLeads", "priceMax", "priceMin"]
            let positions = keys.map { agent.range(of: "\"\($0)\":")!.lowerBound }
            #expect(positions == positions.sorted(), "keys out of order: \(agent)")
            let (_, coverage) = try await Self.send(client, .get, "/api/v1/territories/10063/coverage")
            #expect(coverage.contains(#""name":"#))
            let (_, decision) = try await Self.send(client, .post, "/api/v1/leads:preview", Array(#"{"id":"K1","territoryId":"10063"}"#.utf8))
            let top = Self.topLevelKeys(decision)
            #expect(top.count >= 12 && top == top.sorted(), "\(top)")
        }
    }

    /// The keys of a JSON object's own members, in the order they are written.
    static func topLevelKeys(_ json: String) -> [String] {
        var keys: [String] = []
        var depth = 0
        var inString = false
        var escaped = false
        var current = ""
        var expectingKey = false
        for character in json {
            if inString {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inString = false
                    if depth == 1 && expectingKey { keys.append(current) }
                    expectingKey = false
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                inString = true
                current = ""
            case "{", "[":
                depth += 1
                expectingKey = character == "{"
            case "}", "]": depth -= 1
            case ",": expectingKey = depth == 1
            default: break
            }
        }
        return keys
    }

    /// A wall clock the test moves by hand.
    final class TestClock: WallClock {
        let millis = Mutex<Int64>(1_800_000_000_000)
        func nowMillis() -> Int64 { self.millis.withLock { $0 } }
        func advance(_ delta: Int64) { self.millis.withLock { $0 += delta } }
    }

    @Test func equivalentAnalyticsQueriesShareOneCacheEntry() async throws {
        let clock = TestClock()
        let app = try await buildApplication(S.configuration(auth: false), logger: S.logger, clock: clock)
        try await app.test(.router) { client in
            func computedAt(_ query: String) async throws -> String {
                clock.advance(1_000)
                return try await client.execute(uri: "/api/v1/analytics/" + query, method: .get) { response in
                    #expect(response.status == .ok)
                    return try #require(try S.object(response.body)["computedAt"] as? String)
                }
            }
            // 14 agents: without k, and with any k ≥ 14, betweenness is exact, whatever the seed.
            let exact = try await computedAt("betweenness")
            #expect(try await computedAt("betweenness?k=14&seed=9") == exact)
            #expect(try await computedAt("betweenness?k=500") == exact)
            #expect(try await computedAt("betweenness?k=3") != exact)
            // Defaults filled in: an explicit default is the same query.
            let pagerank = try await computedAt("pagerank")
            #expect(try await computedAt("pagerank?damping=0.85&top=10&offset=0") == pagerank)
        }
    }
}

@Suite("Analytics computations: bounded and cancelled")
struct AnalyticsCacheLimitTests {
    /// A computation that runs until told to stop, polling its flag as the analyses do at each progress step.
    static func spin(_ started: AsyncStream<Void>.Continuation) -> @Sendable (AnalyticsCache.StopFlag) async throws -> [UInt8] {
        { stop in
            started.yield()
            while !stop.isSet { try await Task.sleep(for: .milliseconds(5)) }
            throw CancellationError()
        }
    }

    /// Polls `condition` for up to 2 s.
    static func waitUntil(_ condition: () async -> Bool) async throws {
        for _ in 0..<400 {
            if await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    @Test func aComputationBeyondTheLimitIs503WithRetryAfter() async throws {
        let cache = AnalyticsCache(capacity: 8, maxRunning: 1)
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let first = Task { try await cache.value(for: "a", compute: Self.spin(continuation)) }
        var iterator = started.makeAsyncIterator()
        await iterator.next()
        let error = await #expect(throws: ServiceError.self) { _ = try await cache.value(for: "b") { _ in [1] } }
        #expect(error?.status == .serviceUnavailable)
        #expect(error?.retryAfter != nil)
        first.cancel()
        _ = await first.result
        // Its only client gone, the computation was stopped and its slot freed: another may run.
        try await Self.waitUntil { await cache.running == 0 }
        #expect(await cache.running == 0)
        #expect(try await cache.value(for: "b") { _ in [1] }.body == [1])
    }

    @Test func aComputationStopsOnlyWhenEveryWaiterHasGone() async throws {
        let cache = AnalyticsCache(capacity: 8, maxRunning: 4)
        let (started, continuation) = AsyncStream<Void>.makeStream()
        let first = Task { try await cache.value(for: "a", compute: Self.spin(continuation)) }
        var iterator = started.makeAsyncIterator()
        await iterator.next()
        let second = Task { try await cache.value(for: "a") { _ in [2] } }
        try await Self.waitUntil { await cache.count == 1 }
        try await Task.sleep(for: .milliseconds(50))
        first.cancel()
        try await Task.sleep(for: .milliseconds(100))
        #expect(await cache.running == 1, "one waiter is left: the computation goes on")
        second.cancel()
        _ = await second.result
        try await Self.waitUntil { await cache.running == 0 }
        #expect(await cache.running == 0)
        #expect(await cache.count == 0)
    }
}
