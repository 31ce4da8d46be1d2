import LeadRoutingCore

/// Row counts of a generated dataset (data rows, headers excluded), returned by ``DatasetGenerator``.
public struct GenerationSummary: Sendable, Hashable, Codable {
    public var territories = 0
    public var adjacency = 0
    public var brokerages = 0
    public var agents = 0
    public var coverage = 0
    public var referrals = 0
    public var leads = 0

    public init() {}

    /// Rows in the six dataset files.
    public var datasetRows: Int { self.territories + self.adjacency + self.agents + self.coverage + self.referrals + self.leads }
}
