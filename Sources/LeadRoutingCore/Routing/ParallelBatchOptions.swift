/// How ``BatchRouter/route(_:excluding:options:prepare:deliver:)`` spreads a batch over threads. The decisions do
/// not depend on these settings: only the time does.
public struct ParallelBatchOptions: Sendable, Hashable {
    /// Threads that route speculatively. 1 routes one lead after another with no speculation. Default 2.
    public var workers: Int
    /// Leads routed speculatively against the same load (the load before the previous chunk) while the previous
    /// chunk's decisions are checked and committed in order. Larger chunks cost less coordination but more leads
    /// meet an assignment made since that load among their candidates and are routed again. Default 32.
    public var chunkSize: Int
    /// Whether speculative decisions are checked against the assignments before them. Always on, except in the test
    /// that shows the equivalence check catching what goes wrong without it.
    var checksConflicts = true

    public init(workers: Int = 2, chunkSize: Int = 32) {
        self.workers = workers
        self.chunkSize = chunkSize
    }

    /// Throws ``InputError`` naming the setting out of range.
    public func validate() throws(InputError) {
        if !(1...Self.maximumWorkers).contains(self.workers) {
            throw InputError(field: "threads", reason: "must be between 1 and \(Self.maximumWorkers)", subject: "batch routing")
        }
        if !(1...Self.maximumChunkSize).contains(self.chunkSize) {
            throw InputError(field: "chunk-size", reason: "must be between 1 and \(Self.maximumChunkSize)", subject: "batch routing")
        }
    }

    public static let maximumWorkers = 64
    public static let maximumChunkSize = 4096
}

/// What a parallel batch did: how many speculative decisions held and how many leads were routed again because one
/// of their candidates was assigned a lead after the load they were routed against.
public struct ParallelBatchStatistics: Sendable, Hashable, Codable {
    public var leads = 0
    public var chunks = 0
    /// Speculative decisions kept: no assignment since the load they were made against touched their candidates.
    public var speculativeKept = 0
    /// Leads routed again, in order, against the load after the leads before them.
    public var rerouted = 0

    public init() {}
}
