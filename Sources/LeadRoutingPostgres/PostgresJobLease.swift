public import LeadRoutingCore
import Logging
import PostgresNIO

/// A ``JobLease`` as a Postgres session-level advisory lock (`pg_try_advisory_lock`) held on a dedicated
/// connection outside the pool. The lock lives as long as that session: a holder that dies (killed, crashed, cut
/// off) closes its connection and Postgres releases the lock at once, so the next ``hold()`` of another process
/// (on its timer) takes the job over. The key is derived from the job's name and the store's schema, so stores in
/// different schemas or databases never share a lease.
///
/// ``hold()`` takes the lock when not held, and confirms the session (`SELECT 1`) while held; a session that fails
/// is closed (releasing the lock if the server still had it) and the lease reads as lost. A holder cut off from
/// the database may therefore run its job for up to one timer tick after another process took over: the jobs are
/// safe to overlap briefly (every store write is conditional, every relayed event carries its id).
public actor PostgresJobLease: JobLease {
    public nonisolated let job: String
    /// The advisory-lock key (64-bit).
    public nonisolated let key: Int64
    private let configuration: PostgresConnection.Configuration
    private let timeout: Duration
    private let logger = Logger(label: "leadrouter.lease", factory: { _ in SwiftLogNoOpLogHandler() })
    private var connection: PostgresConnection?
    private var held = false

    /// A lease for `job` on the database `database` connects to. `timeout` bounds connecting and each query.
    public init(job: String, database: PostgresDatabase, timeout: Duration = .seconds(2)) {
        self.job = job
        self.key = Self.key(job: job, schema: database.configuration.schema)
        self.configuration = database.directConnectionConfiguration(connectTimeout: timeout)
        self.timeout = timeout
    }

    /// The lock key of `job` in `schema`: the first 8 bytes of SHA-256 of `leadrouter.job:<schema>/<job>`.
    static func key(job: String, schema: String?) -> Int64 {
        let digest = SHA256Digest.hash(Array("leadrouter.job:\(schema ?? "")/\(job)".utf8))
        var key: UInt64 = 0
        for byte in digest.prefix(8) { key = key << 8 | UInt64(byte) }
        return Int64(bitPattern: key)
    }

    public func hold() async -> Bool {
        do {
            let connection = try await self.openConnection()
            let key = self.key
            if self.held {
                _ = try await withDeadline(self.timeout, what: "confirming the lease of \(self.job)") {
                    try await connection.query("SELECT 1", logger: self.logger)
                }
            } else {
                self.held = try await withDeadline(self.timeout, what: "taking the lease of \(self.job)") {
                    let rows = try await connection.query("SELECT pg_try_advisory_lock(\(key))", logger: self.logger)
                    for try await (locked) in rows.decode(Bool.self) { return locked }
                    return false
                }
            }
            return self.held
        } catch {
            await self.dropConnection()
            return false
        }
    }

    public func release() async {
        guard let connection = self.connection else { return }
        if self.held {
            let key = self.key
            do {
                _ = try await withDeadline(self.timeout, what: "releasing the lease of \(self.job)") {
                    try await connection.query("SELECT pg_advisory_unlock(\(key))", logger: self.logger)
                }
            } catch {
                await self.dropConnection()  // closing the session releases the lock too
                return
            }
        }
        self.held = false
        await self.dropConnection()
    }

    private func openConnection() async throws -> PostgresConnection {
        if let connection = self.connection, !connection.isClosed { return connection }
        await self.dropConnection()
        let configuration = self.configuration
        let logger = self.logger
        let connection = try await withDeadline(self.timeout, what: "connecting for the lease of \(self.job)") {
            try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        }
        self.connection = connection
        return connection
    }

    private func dropConnection() async {
        self.held = false
        if let connection = self.connection {
            self.connection = nil
            try? await connection.close()
        }
    }
}
