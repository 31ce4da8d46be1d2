import Synchronization

extension BatchRouter {
    /// Routes `leads` in order with exactly the decisions ``route(_:excluding:)`` makes one lead after another, on up
    /// to `options.workers` threads: optimistic parallel routing with ordered commit.
    ///
    /// Leads are routed speculatively, in parallel, chunk by chunk, against the load as it was one chunk earlier:
    /// while the caller's thread takes chunk k's decisions in lead order, the other threads already route chunk k+1.
    /// A lead's decision depends on the load of its candidates (and of a returning client's previous agent) only,
    /// so it is kept when none of them was assigned a lead since the load it was routed against (in the chunk before
    /// or earlier in its own); otherwise the lead is routed again against the load after the leads before it.
    /// Chosen over splitting the batch by territory because candidate sets overlap across neighbouring territories
    /// and referral chains, so no split keeps the decisions of the sequential batch without the same check.
    ///
    /// - Parameters:
    ///   - prepare: runs on the routing threads for every decision that is kept (for example its JSON encoding), so
    ///     that this work is spread too.
    ///   - deliver: called on the caller's task with every decision in lead order, with its prepared value.
    /// - Returns: how many speculative decisions were kept and how many leads were routed again.
    public mutating func route<Prepared: Sendable>(
        _ leads: [Lead],
        excluding: Set<String> = [],
        options: ParallelBatchOptions = ParallelBatchOptions(),
        prepare: @escaping @Sendable (RoutingDecision) throws -> Prepared,
        deliver: (_ index: Int, _ decision: RoutingDecision, _ prepared: Prepared) throws -> Void
    ) async throws -> ParallelBatchStatistics {
        try options.validate()
        var statistics = ParallelBatchStatistics()
        statistics.leads = leads.count
        guard options.workers > 1 else {
            for (index, lead) in leads.enumerated() {
                let decision = self.route(lead, excluding: excluding)
                try deliver(index, decision, try prepare(decision))
            }
            return statistics
        }
        let router = self.router
        let workers = (0..<options.workers).map { _ in SpeculationWorker<Prepared>(workspace: router.makeWorkspace()) }
        let chunks = stride(from: 0, to: leads.count, by: options.chunkSize).map { $0..<min(leads.count, $0 + options.chunkSize) }
        var commit = SpeculationCommit(agentCount: router.projection.agentCount, checksConflicts: options.checksConflicts)
        // The load the routing threads read: one chunk behind `self.load`, which moves on in lead order.
        var snapshot = self.load
        var pending: [Speculation<Prepared>] = []
        if let first = chunks.first {
            try await Self.speculate(leads, range: first, router: router, load: snapshot, excluding: excluding, workers: workers, prepare: prepare) {}
            pending = SpeculationWorker.collect(workers)
        }
        for chunk in chunks.indices {
            // Chunk k+1 is routed against the load before chunk k: every assignment up to chunk k-1 is in it.
            for agent in commit.assignments(inChunk: chunk - 1) { snapshot.assign(agent) }
            let next = chunk + 1 < chunks.count ? chunks[chunk + 1] : 0..<0
            try await Self.speculate(leads, range: next, router: router, load: snapshot, excluding: excluding, workers: workers, prepare: prepare) {
                for speculation in pending {
                    var decision = speculation.decision
                    var prepared = speculation.prepared
                    var winner = speculation.winner
                    if commit.conflicts(speculation, chunk: chunk) {
                        decision = router.route(leads[speculation.index], load: self.load, excluding: excluding, workspace: &self.workspace)
                        prepared = try prepare(decision)
                        winner = decision.agentId.flatMap { router.projection.agent($0) }
                        statistics.rerouted += 1
                    } else {
                        statistics.speculativeKept += 1
                    }
                    if let winner {
                        self.load.assign(winner)
                        commit.record(winner, chunk: chunk)
                    }
                    try deliver(speculation.index, decision, prepared)
                }
            }
            pending = SpeculationWorker.collect(workers)
            statistics.chunks += 1
        }
        return statistics
    }
}

extension BatchRouter {
    /// Routes the leads of `range` against `load` on the other workers' threads while `alongside` runs on the
    /// caller's (committing the chunk before); then the caller routes what is left of `range` too.
    fileprivate static func speculate<Prepared: Sendable>(
        _ leads: [Lead],
        range: Range<Int>,
        router: Router,
        load: AgentLoadTable,
        excluding: Set<String>,
        workers: [SpeculationWorker<Prepared>],
        prepare: @escaping @Sendable (RoutingDecision) throws -> Prepared,
        alongside: () throws -> Void
    ) async throws {
        let claims = LeadClaims(range)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers.dropFirst() {
                group.addTask { try worker.speculate(leads, claims: claims, router: router, load: load, excluding: excluding, prepare: prepare) }
            }
            try alongside()
            try workers[0].speculate(leads, claims: claims, router: router, load: load, excluding: excluding, prepare: prepare)
            try await group.waitForAll()
        }
    }
}

/// The assignments made while committing, by chunk: what decides whether a speculative decision still holds.
private struct SpeculationCommit {
    /// Per agent, the last chunk in which it was assigned a lead.
    private var lastAssignedChunk: [Int]
    private var assignedByChunk: [Int: [Int32]] = [:]
    let checksConflicts: Bool

    init(agentCount: Int, checksConflicts: Bool) {
        self.lastAssignedChunk = [Int](repeating: Int.min, count: agentCount)
        self.checksConflicts = checksConflicts
    }

    /// Whether a lead of `chunk`, routed against the load before chunk `chunk - 1`, read the load of an agent
    /// assigned since: in the chunk before or earlier in its own.
    func conflicts<Prepared>(_ speculation: Speculation<Prepared>, chunk: Int) -> Bool {
        guard self.checksConflicts else { return false }
        let since = chunk - 1
        if let previous = speculation.previousAgent, self.lastAssignedChunk[Int(previous)] >= since { return true }
        return self.lastAssignedChunk.withUnsafeBufferPointer { last in
            speculation.candidates.contains { last[Int($0)] >= since }
        }
    }

    mutating func record(_ agent: Int32, chunk: Int) {
        self.lastAssignedChunk[Int(agent)] = chunk
        self.assignedByChunk[chunk, default: []].append(agent)
    }

    /// The agents assigned in `chunk` (once each time they were assigned); forgotten once asked for.
    mutating func assignments(inChunk chunk: Int) -> [Int32] {
        self.assignedByChunk.removeValue(forKey: chunk) ?? []
    }
}

/// A decision made against the load before the previous chunk, with the agents whose load it read.
private struct Speculation<Prepared: Sendable>: Sendable {
    var index: Int
    var decision: RoutingDecision
    var prepared: Prepared
    var winner: Int32?
    /// The candidates: every agent whose load the router read for this lead, with `previousAgent`.
    var candidates: [Int32]
    var previousAgent: Int32?
}

/// One routing thread's workspace and results. Used by one task at a time: the end of each task group orders the
/// accesses of successive chunks.
private final class SpeculationWorker<Prepared: Sendable>: @unchecked Sendable {
    var workspace: RoutingWorkspace
    var speculations: [Speculation<Prepared>] = []

    init(workspace: RoutingWorkspace) {
        self.workspace = workspace
    }

    /// Routes the leads it claims against `load`, keeping each decision with the agents whose load it read.
    func speculate(
        _ leads: [Lead],
        claims: LeadClaims,
        router: Router,
        load: AgentLoadTable,
        excluding: Set<String>,
        prepare: (RoutingDecision) throws -> Prepared
    ) throws {
        while let index = claims.next() {
            let lead = leads[index]
            // Cleared first, so that a lead refused before candidates are collected reads no stale candidates.
            self.workspace.candidates.removeAll(keepingCapacity: true)
            let decision = router.route(lead, load: load, excluding: excluding, workspace: &self.workspace)
            self.speculations.append(
                Speculation(
                    index: index,
                    decision: decision,
                    prepared: try prepare(decision),
                    winner: decision.agentId.flatMap { router.projection.agent($0) },
                    candidates: self.workspace.candidates,
                    previousAgent: lead.previousAgentId.flatMap { router.projection.agent($0) }
                )
            )
        }
    }

    /// Every worker's speculations in lead order; the workers are emptied.
    static func collect(_ workers: [SpeculationWorker]) -> [Speculation<Prepared>] {
        var ordered: [Speculation<Prepared>] = []
        for worker in workers {
            ordered.append(contentsOf: worker.speculations)
            worker.speculations.removeAll(keepingCapacity: true)
        }
        ordered.sort { $0.index < $1.index }
        return ordered
    }
}

/// Hands out the leads of a chunk one at a time to whichever thread is free.
private final class LeadClaims: Sendable {
    private let cursor: Atomic<Int>
    private let end: Int

    init(_ range: Range<Int>) {
        self.cursor = Atomic(range.lowerBound)
        self.end = range.upperBound
    }

    func next() -> Int? {
        let index = self.cursor.wrappingAdd(1, ordering: .relaxed).oldValue
        return index < self.end ? index : nil
    }
}
