/// The rows of one statement.
public struct CypherResult: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[CypherValue]]
    /// Update counters in Query API spelling (`nodesCreated`, `relationshipsCreated`, `propertiesSet`…); the
    /// transactional API's snake_case statistics are translated.
    public var counters: [String: Int64]

    public init(columns: [String] = [], rows: [[CypherValue]] = [], counters: [String: Int64] = [:]) {
        self.columns = columns
        self.rows = rows
        self.counters = counters
    }

    /// Position of a column.
    public func column(_ name: String) -> Int? { self.columns.firstIndex(of: name) }

    /// Rows as name → value records.
    public var records: [CypherRecord] {
        var index: [String: Int] = [:]
        for (offset, name) in self.columns.enumerated() { index[name] = offset }
        return self.rows.map { CypherRecord(index: index, values: $0) }
    }
}

/// One row addressed by column name; a missing column reads as null.
public struct CypherRecord: Sendable {
    let index: [String: Int]
    public let values: [CypherValue]

    public subscript(_ name: String) -> CypherValue {
        guard let offset = self.index[name], offset < self.values.count else { return .null }
        return self.values[offset]
    }
}

/// A Cypher statement with the name it is logged and reported under (its file, e.g. `import/agents`).
public struct CypherQuery: Sendable, Hashable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
