import Synchronization

/// A bounded cache of computed analytics bodies. A graph version never changes, so a hit is exact. Concurrent
/// requests for the same key share one computation; failures are not cached; the least recently used entry goes
/// when the cache is full.
///
/// At most `maxRunning` distinct computations run at once: beyond that a new key is refused with 503 and
/// `Retry-After` (``ServiceError/analyticsBusy(running:)``) rather than queued. A computation whose every waiter has
/// gone (its clients disconnected) is told to stop through its ``StopFlag`` and leaves the cache.
actor AnalyticsCache {
    static let defaultCapacity = 64

    /// Set when nobody waits for a computation any more; the computation polls it and stops.
    final class StopFlag: Sendable {
        private let stopped = Atomic<Bool>(false)
        var isSet: Bool { self.stopped.load(ordering: .relaxed) }
        func set() { self.stopped.store(true, ordering: .relaxed) }
    }

    private struct Entry {
        var task: Task<[UInt8], any Error>
        var id: UInt64
        var lastUse: UInt64
        /// Requests waiting for a running computation (they leave when cancelled).
        var waiters: Int
        var stop: StopFlag
        var finished = false
    }

    let capacity: Int
    let maxRunning: Int
    private var entries: [String: Entry] = [:]
    /// Computations started and not yet ended (stopped ones count until they actually end).
    private(set) var running = 0
    private var clock: UInt64 = 0

    init(capacity: Int, maxRunning: Int = .max) {
        self.capacity = max(1, capacity)
        self.maxRunning = max(1, maxRunning)
    }

    var count: Int { self.entries.count }

    /// The cached value for `key`, or the value of `compute` (then cached); `cached` tells which.
    /// - Throws: ``ServiceError/analyticsBusy(running:)`` when `key` is new and `maxRunning` computations run;
    ///   the computation's error; `CancellationError` when this request was cancelled.
    func value(
        for key: String,
        compute: @escaping @Sendable (StopFlag) async throws -> [UInt8]
    ) async throws -> (body: [UInt8], cached: Bool) {
        self.clock += 1
        let cached: Bool
        if var entry = self.entries[key] {
            entry.lastUse = self.clock
            entry.waiters += 1
            self.entries[key] = entry
            cached = true
        } else {
            guard self.running < self.maxRunning else { throw ServiceError.analyticsBusy(running: self.running) }
            self.running += 1
            let id = self.clock
            let stop = StopFlag()
            let task = Task { try await compute(stop) }
            self.entries[key] = Entry(task: task, id: id, lastUse: id, waiters: 1, stop: stop)
            Task {
                _ = await task.result
                self.ended(key: key, id: id, failed: (try? await task.value) == nil)
            }
            if self.entries.count > self.capacity, let oldest = self.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
                self.entries[oldest] = nil
            }
            cached = false
        }
        let (task, id) = (self.entries[key]!.task, self.entries[key]!.id)
        let body: [UInt8]
        do {
            body = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                Task { await self.leave(key: key, id: id) }
            }
        } catch {
            // The computation failed (or was stopped): not kept.
            if self.entries[key]?.id == id { self.entries[key] = nil }
            throw error
        }
        try Task.checkCancellation()
        return (body, cached)
    }

    /// A computation ended: one fewer running; a failed or stopped one is not kept.
    private func ended(key: String, id: UInt64, failed: Bool) {
        self.running -= 1
        guard self.entries[key]?.id == id else { return }
        if failed { self.entries[key] = nil } else { self.entries[key]?.finished = true }
    }

    /// A waiter was cancelled; the last one to leave a running computation stops it.
    private func leave(key: String, id: UInt64) {
        guard var entry = self.entries[key], entry.id == id, !entry.finished else { return }
        entry.waiters -= 1
        self.entries[key] = entry
        if entry.waiters <= 0 {
            entry.stop.set()
            self.entries[key] = nil
        }
    }
}
