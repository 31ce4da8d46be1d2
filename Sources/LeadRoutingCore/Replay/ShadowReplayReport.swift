/// What a shadow replay found (``ShadowReplay``): how often the policy under test agrees with the recorded decisions,
/// how the load would have moved, and the conversions each set of choices predicts.
public struct ShadowReplayReport: Sendable, Hashable, Codable {
    /// Why a recorded lead was not replayed.
    public enum Skip: String, Sendable, CaseIterable {
        /// Its territory is not in the graph replayed on.
        case territoryNotInGraph = "territory-not-in-graph"
        /// Its stored payload no longer decodes as a lead.
        case payloadDoesNotDecode = "payload-does-not-decode"
    }

    /// How the leads replayed would have been spread over the agents.
    public struct LoadShift: Sendable, Hashable, Codable {
        /// The Gini coefficient of leads per agent (0 = even), as recorded and as replayed.
        public var recordedGini: Double
        public var replayedGini: Double
        /// Agents who would have received more leads, and fewer.
        public var agentsGaining: Int
        public var agentsLosing: Int
        /// The agents whose count changes most (at most ``ShadowReplayReport/shiftsShown``), largest change first.
        public var largestShifts: [AgentShift]
    }

    /// One agent's leads among those replayed, as recorded and as replayed.
    public struct AgentShift: Sendable, Hashable, Codable {
        public var agentId: String
        public var recorded: Int
        public var replayed: Int
    }

    /// Expected conversions: the sum over the leads of the chosen agent's current conversion estimate (0 when
    /// unroutable). A prediction from today's estimates, not an observed outcome.
    public struct PredictedConversions: Sendable, Hashable, Codable {
        public var recorded: Double = 0
        public var replayed: Double = 0
        public var difference: Double { self.replayed - self.recorded }
        public var label = "prediction from the current conversion estimates, not an observed outcome"

        private enum CodingKeys: String, CodingKey { case recorded, replayed, difference, label }

        public init() {}

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.recorded = try c.decode(Double.self, forKey: .recorded)
            self.replayed = try c.decode(Double.self, forKey: .replayed)
            self.label = try c.decode(String.self, forKey: .label)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(self.recorded, forKey: .recorded)
            try c.encode(self.replayed, forKey: .replayed)
            try c.encode(self.difference, forKey: .difference)
            try c.encode(self.label, forKey: .label)
        }
    }

    /// How many agents ``LoadShift/largestShifts`` lists.
    public static let shiftsShown = 10

    /// The policy under test (its identity, as decisions carry it) and the graph replayed on.
    public var policy: String
    public var graphVersion: String
    /// The policies that made the recorded decisions, with their lead counts.
    public var recordedPolicies: [String: Int] = [:]
    /// Leads read from the store, and replayed.
    public var leads: Int
    public var replayed = 0
    /// Leads not replayed, by ``Skip`` reason.
    public var skipped: [String: Int] = [:]
    /// Replayed leads whose recorded decision was made on this graph version (the others were decided on another
    /// graph: the replay shows what the policy would do on today's graph).
    public var onRecordedGraph = 0
    /// Replayed leads given the same agent (or unroutable both times).
    public var agreed = 0
    /// Leads unroutable on arrival, as recorded and as replayed.
    public var recordedUnroutable = 0
    public var replayedUnroutable = 0
    public var load = LoadShift(recordedGini: 0, replayedGini: 0, agentsGaining: 0, agentsLosing: 0, largestShifts: [])
    public var predicted = PredictedConversions()

    /// The share of replayed leads that got the recorded agent (1 when nothing was replayed).
    public var agreement: Double { self.replayed == 0 ? 1 : Double(self.agreed) / Double(self.replayed) }

    public init(policy: String, graphVersion: String, leads: Int) {
        self.policy = policy
        self.graphVersion = graphVersion
        self.leads = leads
    }
}

extension ShadowReplay {
    /// Reads the leads a store recorded (received at or after `sinceMillis` when given; at most `limit`), in lead-id
    /// order, and the agents' rows: the input of ``replay(_:loads:progress:)``.
    public static func read(
        from store: any LeadStore,
        sinceMillis: Int64? = nil,
        limit: Int = .max,
        progress: (_ read: Int) -> Void = { _ in }
    ) async throws -> (records: [LeadRecord], loads: [AgentLoadRecord]) {
        var records: [LeadRecord] = []
        var query = LeadListQuery()
        query.limit = 500
        query.sinceMillis = sinceMillis
        while records.count < limit {
            let page = try await store.listLeads(query)
            for summary in page.prefix(limit - records.count) {
                if let record = try await store.lead(summary.leadId) { records.append(record) }
            }
            progress(records.count)
            guard page.count == query.limit, let last = page.last else { break }
            query.afterLeadId = last.leadId
        }
        return (records, try await store.agentLoads())
    }
}
