import LeadRoutingCore
import Logging
import ServiceLifecycle

/// Runs a background job on one replica at a time: the job runs only while this process holds its ``JobLease``
/// (on Postgres an advisory lock, see `PostgresJobLease`; on SQLite always). Every ``interval`` it tries to take the
/// lease, or confirms it; when the lease is lost the job is cancelled and this process waits again, and when the
/// holder dies another replica's next try takes the job over. On graceful shutdown the job ends by itself (the relay
/// finishes its batch) and the lease is released, so a waiting replica takes over at its next tick.
///
/// Each term of leadership runs a fresh job from ``makeJob`` (a relay's sink is shut down at the end of its run).
/// Publishes `leadrouter_job_leader{job}`: 1 while this process runs the job.
struct SingletonJob: Service {
    let lease: any JobLease
    let metrics: ServiceMetrics
    let logger: Logger
    /// Time between tries to take the lease, and between confirmations while it is held: the failover time is at
    /// most about this long after the holder's connection closes. Default 1 s.
    var interval: Duration = .seconds(1)
    /// Builds the job for one term of leadership.
    let makeJob: @Sendable () throws -> any Service

    init(
        lease: any JobLease,
        metrics: ServiceMetrics,
        logger: Logger,
        interval: Duration = .seconds(1),
        makeJob: @escaping @Sendable () throws -> any Service
    ) {
        self.lease = lease
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
        self.makeJob = makeJob
    }

    func run() async throws {
        let job = self.lease.job
        self.metrics.jobLeader(job, leading: false)
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            guard await self.lease.hold() else {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
                continue
            }
            self.metrics.jobLeader(job, leading: true)
            self.logger.notice("leading job", metadata: ["job": .string(job)])
            let ending = await self.runWhileHeld()
            self.metrics.jobLeader(job, leading: false)
            switch ending {
            case .leaseLost:
                self.logger.warning("job lease lost; job stopped", metadata: ["job": .string(job)])
            case .jobEnded(let error?):
                self.logger.error("job failed; lease given up", metadata: ["job": .string(job), "error": .string("\(error)")])
                await self.lease.release()
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.interval) }
            case .jobEnded(nil):
                await self.lease.release()
            }
        }
        await self.lease.release()
    }

    private enum Ending: Sendable {
        case leaseLost
        case jobEnded((any Error)?)
    }

    /// Runs one term: the job beside a watch that confirms the lease every interval. Whichever ends first ends the
    /// other (a lost lease cancels the job). During graceful shutdown the watch keeps confirming until the job ends.
    private func runWhileHeld() async -> Ending {
        await withTaskGroup(of: Ending.self) { group in
            group.addTask {
                do {
                    try await self.makeJob().run()
                    return .jobEnded(nil)
                } catch {
                    return .jobEnded(Task.isCancelled ? nil : error)
                }
            }
            group.addTask {
                while true {
                    do { try await Task.sleep(for: self.interval) } catch { return .jobEnded(nil) }
                    if !(await self.lease.hold()) { return .leaseLost }
                }
            }
            let first = await group.next() ?? .jobEnded(nil)
            group.cancelAll()
            return first
        }
    }
}
