import Synchronization
import Testing

@testable import LeadRoutingService

@Suite("AnalyticsCache: bounded, exact hits, failures not kept")
struct AnalyticsCacheTests {
    struct Failure: Error {}

    final class Calls: Sendable {
        private let count = Mutex(0)
        func add() { self.count.withLock { $0 += 1 } }
        var value: Int { self.count.withLock { $0 } }
    }

    @Test func keepsAtMostCapacityEntriesDroppingTheLeastRecentlyUsed() async throws {
        let cache = AnalyticsCache(capacity: 2)
        let calls = Calls()
        @Sendable func compute(_ byte: UInt8) -> @Sendable (AnalyticsCache.StopFlag) async throws -> [UInt8] {
            { _ in
                calls.add()
                return [byte]
            }
        }
        #expect(try await cache.value(for: "a", compute: compute(1)) == ([1], false))
        #expect(try await cache.value(for: "b", compute: compute(2)) == ([2], false))
        #expect(try await cache.value(for: "a", compute: compute(9)) == ([1], true))  // a is now the most recent
        #expect(try await cache.value(for: "c", compute: compute(3)) == ([3], false))  // b goes
        #expect(await cache.count == 2)
        #expect(try await cache.value(for: "a", compute: compute(9)) == ([1], true))
        #expect(try await cache.value(for: "b", compute: compute(4)) == ([4], false))
        #expect(calls.value == 4)
    }

    @Test func failuresAreNotCached() async throws {
        let cache = AnalyticsCache(capacity: 4)
        await #expect(throws: Failure.self) { try await cache.value(for: "x") { _ in throw Failure() } }
        #expect(await cache.count == 0)
        #expect(try await cache.value(for: "x") { _ in [7] } == ([7], false))
    }

    @Test func concurrentEqualRequestsShareOneComputation() async throws {
        let cache = AnalyticsCache(capacity: 4)
        let calls = Calls()
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await cache.value(for: "k") { _ in
                        calls.add()
                        try await Task.sleep(for: .milliseconds(50))
                        return [42]
                    }.body
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results == Array(repeating: [42], count: 8))
        #expect(calls.value == 1)
    }
}
