/// The right to run one singleton job (the offer sweeper, the retry queue, an outbox relay, a periodic rebalance):
/// held by at most one process sharing the store at a time, and released by itself when its holder dies, so another
/// process takes the job over. The service's `SingletonJob` runs a job only while ``hold()`` says so.
public protocol JobLease: Sendable {
    /// The job's name (metrics, logs); processes agree on the lease by name.
    var job: String { get }
    /// Takes the lease if nobody holds it, or confirms that this process still holds it: true while this process
    /// holds it. False when another process holds it, or when this process cannot tell (the database is unreachable:
    /// the lease is then treated as lost). Never throws; called on a timer.
    func hold() async -> Bool
    /// Gives the lease up (graceful shutdown), so another process takes the job over at once.
    func release() async
}

/// A lease that is always held: a single process on an embedded store (SQLite), where nobody else could run the job.
public struct ProcessJobLease: JobLease {
    public let job: String

    public init(job: String) { self.job = job }

    public func hold() async -> Bool { true }

    public func release() async {}
}
