/// Agents assigned to named groups, e.g. the generator's hidden brokerage of every agent
/// (`truth/agent_brokerage.csv`): the groups of `leakage` by brokerage. The router never reads them.
public struct AgentGroups: Sendable, Equatable {
    /// Group name of every listed agent (agents not listed belong to no group).
    public var groupOfAgent: [String: String]

    public init(groupOfAgent: [String: String]) {
        self.groupOfAgent = groupOfAgent
    }

    /// Reads a CSV whose first two columns are the agent id and its group (`agent_id,brokerage_id`), header first;
    /// an empty group means none, further columns are ignored.
    /// - Throws: ``DatasetError`` naming `file` and the line of a malformed record.
    public static func decode(csv bytes: [UInt8], file: String) throws(DatasetError) -> AgentGroups {
        var groups = [String: String]()
        for record in try CSVScanner.records(in: bytes, file: file).dropFirst() {
            guard record.fields.count >= 2, !record.fields[0].isEmpty else {
                throw DatasetError(file: file, line: record.line, kind: .wrongFieldCount, message: "expected agent_id,group")
            }
            if !record.fields[1].isEmpty { groups[record.fields[0]] = record.fields[1] }
        }
        return AgentGroups(groupOfAgent: groups)
    }

    /// Dense group labels of the agents `ids` (-1: in no group) and the group names in order of first appearance.
    func labels(for ids: [String]) -> (labels: [Int32], names: [String]) {
        var index = [String: Int32]()
        var names = [String]()
        var labels = [Int32](repeating: -1, count: ids.count)
        for (agent, id) in ids.enumerated() {
            guard let group = self.groupOfAgent[id] else { continue }
            if index[group] == nil {
                index[group] = Int32(names.count)
                names.append(group)
            }
            labels[agent] = index[group]!
        }
        return (labels, names)
    }
}
