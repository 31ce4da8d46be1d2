import Foundation
import LeadRoutingCore
import LeadRoutingPostgres
import LeadRoutingSQL
import LeadRoutingTestSupport
import ServiceLifecycle
import Synchronization
import Testing

@testable import LeadRoutingService

/// Singleton jobs: two leases on one real Postgres (one wins, giving it up or dying hands it over), and two
/// ``SingletonJob``s that never run their job at the same time — shown failing without a shared lease. The Postgres
/// tests need `POSTGRES_URL` (`scripts/services/postgres`) and are skipped without it.
struct SingletonJobTests {
    typealias S = ServiceTestSupport

    /// Records how many copies of a job run at once, and the most ever seen.
    final class Overlap: Sendable {
        private let state = Mutex((running: 0, most: 0, starts: 0))
        var most: Int { self.state.withLock { $0.most } }
        var running: Int { self.state.withLock { $0.running } }
        var starts: Int { self.state.withLock { $0.starts } }

        func job() -> any Service { OverlapJob(overlap: self) }

        fileprivate func change(_ delta: Int) {
            self.state.withLock {
                $0.running += delta
                $0.most = max($0.most, $0.running)
                if delta > 0 { $0.starts += 1 }
            }
        }
    }

    /// A job that counts itself running until it is cancelled or the service shuts down.
    struct OverlapJob: Service {
        let overlap: Overlap
        func run() async throws {
            self.overlap.change(1)
            defer { self.overlap.change(-1) }
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    static func postgresSettings() throws -> LeadStoreURL.PostgresSettings? {
        guard let url = TestEnvironment.postgresURL, case .postgres(let settings) = try LeadStoreURL(parsing: url) else { return nil }
        return settings
    }

    /// A database handle that is never run: the leases open their own connections from its settings.
    static func database(schema: String) throws -> PostgresDatabase {
        let settings = try #require(try Self.postgresSettings())
        return PostgresDatabase(settings: settings, configuration: .init(schema: schema))
    }

    static func uniqueSchema() -> String { "lease_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12) }

    @Test func leaseKeysDifferByJobAndSchema() throws {
        let settings = LeadStoreURL.PostgresSettings(host: "127.0.0.1", port: 5432, username: "u", password: nil, database: "d")
        let a = PostgresJobLease(job: "retry-queue", database: PostgresDatabase(settings: settings, configuration: .init(schema: "one")))
        let b = PostgresJobLease(job: "retry-queue", database: PostgresDatabase(settings: settings, configuration: .init(schema: "two")))
        let c = PostgresJobLease(job: "offer-sweeper", database: PostgresDatabase(settings: settings, configuration: .init(schema: "one")))
        let again = PostgresJobLease(job: "retry-queue", database: PostgresDatabase(settings: settings, configuration: .init(schema: "one")))
        #expect(a.key == again.key)
        #expect(Set([a.key, b.key, c.key]).count == 3)
    }

    @Test(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run"))
    func oneOfTwoLeasesWinsAndReleasingHandsOver() async throws {
        let schema = Self.uniqueSchema()
        let first = PostgresJobLease(job: "sweeper", database: try Self.database(schema: schema))
        let second = PostgresJobLease(job: "sweeper", database: try Self.database(schema: schema))
        let other = PostgresJobLease(job: "relay", database: try Self.database(schema: schema))
        #expect(await first.hold())
        #expect(await first.hold(), "the holder confirms its lease")
        #expect(!(await second.hold()), "a second process does not get a held lease")
        #expect(await other.hold(), "another job's lease is independent")
        await first.release()
        #expect(await second.hold(), "a released lease goes to the next one asking")
        #expect(!(await first.hold()))
        await first.release()
        await second.release()
        await other.release()
    }

    @Test(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run"))
    func aDeadHoldersLeaseIsTakenOver() async throws {
        let schema = Self.uniqueSchema()
        let holder = PostgresJobLease(job: "sweeper", database: try Self.database(schema: schema))
        let waiter = PostgresJobLease(job: "sweeper", database: try Self.database(schema: schema))
        #expect(await holder.hold())
        #expect(!(await waiter.hold()))
        // The holder "dies": the server ends its session, as when its process is killed and its socket closes.
        let settings = try #require(try Self.postgresSettings())
        let killed = try await withPostgresLeadStore(settings) { store in
            try await store.database.read { connection in
                try await connection.query(
                    """
                    SELECT pg_terminate_backend(pid) FROM pg_locks
                    WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                      AND classid::bigint = $1 AND objid::bigint = $2
                    """,
                    [.int(Int64(UInt32(truncatingIfNeeded: holder.key >> 32))), .int(Int64(UInt32(truncatingIfNeeded: holder.key)))]
                ).count
            }
        }
        #expect(killed == 1)
        #expect(await eventually { await waiter.hold() }, "the waiter takes the dead holder's lease")
        #expect(!(await holder.hold()), "the dead holder's session is gone: it no longer holds the lease")
        await waiter.release()
        await holder.release()
    }

    /// Runs two singleton jobs over `leases`; the first replica stops half-way (its task cancelled, its lease released
    /// as a dead process's would be). Returns the overlap seen and whether the second took over.
    static func runTwoReplicas(_ leases: (any JobLease, any JobLease)) async throws -> (overlap: Overlap, tookOver: Bool) {
        let overlap = Overlap()
        let metrics = (ServiceMetrics(), ServiceMetrics())
        let jobs = (
            SingletonJob(lease: leases.0, metrics: metrics.0, logger: S.logger, interval: .milliseconds(50)) { overlap.job() },
            SingletonJob(lease: leases.1, metrics: metrics.1, logger: S.logger, interval: .milliseconds(50)) { overlap.job() }
        )
        let first = Task { try await jobs.0.run() }
        #expect(await eventually { overlap.running >= 1 })
        let second = Task { try await jobs.1.run() }
        try await Task.sleep(for: .milliseconds(500))  // several lease ticks with both replicas up
        func leading() -> Int {
            [metrics.0, metrics.1].map { String(decoding: $0.render(), as: UTF8.self) }
                .filter { $0.contains(#"leadrouter_job_leader{job="\#(leases.0.job)"} 1"#) }.count
        }
        // A replica that just took the lease starts its job a moment later (later still on a busy machine).
        _ = await eventually { overlap.running == leading() }
        let leaders = leading()
        first.cancel()
        _ = try? await first.value
        await leases.0.release()
        let tookOver = await eventually { overlap.running == 1 && overlap.starts >= 2 }
        second.cancel()
        _ = try? await second.value
        await leases.1.release()
        #expect(leaders == overlap.most, "the leader metric says how many replicas run the job")
        return (overlap, tookOver)
    }

    @Test(.enabled(if: TestEnvironment.postgresURL != nil, "set POSTGRES_URL to run"))
    func twoReplicasNeverRunTheJobAtOnceAndTheSecondTakesOver() async throws {
        let schema = Self.uniqueSchema()
        let (overlap, tookOver) = try await Self.runTwoReplicas(
            (
                PostgresJobLease(job: "sweeper", database: try Self.database(schema: schema)),
                PostgresJobLease(job: "sweeper", database: try Self.database(schema: schema))
            )
        )
        #expect(overlap.most == 1, "one replica at a time")
        #expect(tookOver, "the second replica runs the job after the first stopped")
    }

    /// The check above catches two replicas running one job: without a shared lease (each process's own), both run.
    @Test func withoutASharedLeaseBothReplicasRunTheJob() async throws {
        let (overlap, _) = try await Self.runTwoReplicas((ProcessJobLease(job: "sweeper"), ProcessJobLease(job: "sweeper")))
        #expect(overlap.most == 2)
    }

    /// A lease lost while the job runs stops the job; it starts again when the lease comes back.
    @Test func aLostLeaseStopsTheJob() async throws {
        final class Flaky: JobLease, Sendable {
            let job = "flaky"
            let granted = Mutex(true)
            func hold() async -> Bool { self.granted.withLock { $0 } }
            func release() async {}
        }
        let lease = Flaky()
        let overlap = Overlap()
        let job = SingletonJob(lease: lease, metrics: ServiceMetrics(), logger: S.logger, interval: .milliseconds(20)) { overlap.job() }
        let task = Task { try await job.run() }
        #expect(await eventually { overlap.running == 1 })
        lease.granted.withLock { $0 = false }
        #expect(await eventually { overlap.running == 0 }, "the job is cancelled when the lease is lost")
        lease.granted.withLock { $0 = true }
        #expect(await eventually { overlap.running == 1 && overlap.starts == 2 }, "and runs again, fresh, when it is back")
        task.cancel()
        _ = try? await task.value
        #expect(overlap.running == 0)
    }
}
