/// A bounded cache of computed analytics bodies. A graph version never changes, so a hit is exact. Concurrent
/// requests for the same key share one computation; failures are not cached; the least recently used entry goes
/// when the cache is full.
actor AnalyticsCache {
    static let defaultCapacity = 64

    private struct Entry {
        var task: Task<[UInt8], any Error>
        var id: UInt64
        var lastUse: UInt64
    }

    let capacity: Int
    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { self.entries.count }

    /// The cached value for `key`, or the value of `compute` (then cached); `cached` tells which.
    func value(for key: String, compute: @escaping @Sendable () async throws -> [UInt8]) async throws -> (body: [UInt8], cached: Bool) {
        self.clock += 1
        if var entry = self.entries[key] {
            entry.lastUse = self.clock
            self.entries[key] = entry
            return (try await entry.task.value, true)
        }
        let id = self.clock
        let task = Task { try await compute() }
        self.entries[key] = Entry(task: task, id: id, lastUse: id)
        if self.entries.count > self.capacity, let oldest = self.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            self.entries[oldest] = nil
        }
        do {
            return (try await task.value, false)
        } catch {
            if self.entries[key]?.id == id { self.entries[key] = nil }
            throw error
        }
    }
}
