/// What a database's group commit did: statements committed in groups of more than one, those groups, and the
/// groups run again one statement at a time after an error. Read by tests (so that a test of grouping cannot pass
/// without groups forming) and printed by `leadrouter bench store`.
public struct GroupCommitStatistics: Sendable, Hashable, Codable {
    public var groupedStatements = 0
    public var groups = 0
    public var groupsRunOneByOne = 0

    public init() {}
}

/// A database (or a store over one) that commits concurrent statements in groups and counts what it did.
public protocol GroupCommitReporting {
    var groupCommitStatistics: GroupCommitStatistics { get }
}

extension SQLLeadStore: GroupCommitReporting where Database: GroupCommitReporting {
    /// The database's group commit statistics.
    public var groupCommitStatistics: GroupCommitStatistics { self.database.groupCommitStatistics }
}
