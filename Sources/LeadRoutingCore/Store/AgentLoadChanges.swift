/// What ``LeadStore/agentLoadChanges(after:)`` found: the agents whose load changed since a horizon (a superset:
/// an unchanged agent may be reported again), and the horizon to ask from next time. The horizon is the store's own
/// notion of "changes committed so far" (opaque to callers).
public struct AgentLoadChanges: Sendable, Hashable {
    public var records: [AgentLoadRecord]
    public var horizon: Int64

    public init(records: [AgentLoadRecord], horizon: Int64) {
        self.records = records
        self.horizon = horizon
    }
}
