public import LeadRoutingCore

extension Simulation {
    /// Runs every arm for every replication, each run on a fresh SQLite store in memory (migrated, dropped after the
    /// run): the store the CLI's `simulate` and the tests use.
    public func runInMemory(_ arms: [SimulationArm], progress: (Int, Int) -> Void = { _, _ in }) async throws -> SimulationReport {
        try await self.run(
            arms,
            withStore: { body in try await LeadStoreConnection.withStore("sqlite::memory:") { store in try await body(store) } },
            progress: progress
        )
    }
}
