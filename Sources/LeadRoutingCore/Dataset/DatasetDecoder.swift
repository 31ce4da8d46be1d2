/// Reads a dataset directory's CSV files into a ``Dataset``, strictly and fast.
///
/// Strict: every rule of the contract is checked and the first violation is thrown as a ``DatasetError``
/// naming file, line, column and column name; a ``Dataset`` is returned only when every file is valid,
/// so nothing is ever half-loaded. Fast: fields are scanned as byte ranges and numbers parsed straight
/// from the bytes; only text columns and ids become `String`s (ids are resolved to dense `Int32` indices
/// through dictionaries while reading, so edges can never dangle).
///
/// Rules beyond the column list (``DatasetFile``):
/// - Absent optional files read as empty; a present file must have a header naming its required columns.
/// - An empty field is absent and takes the model's default (`Agent` init defaults, territory name = id,
///   state "", coverage weight 1, referral sent 1 / closed 0, lead kind buy, not language-required, urgency 0).
/// - Lists are `|`-separated; items are trimmed of spaces and tabs, empty items dropped (a list with no items
///   is absent); languages, specialties and the lead language are lower-cased, states (agent and territory)
///   upper-cased.
/// - Within a record, fields are checked left to right in contract column order, then relations
///   (self-references, duplicate edges, `price_min` ≤ `price_max`, `closed` ≤ `sent`).
/// - Self-references and duplicate edges are reported at the second endpoint column.
/// - Header names are matched after trimming spaces; columns the decoder does not know are ignored entirely
///   (their fields are not even UTF-8 validated).
public struct DatasetDecoder: Sendable {
    /// Creates a decoder; it holds no state, so one instance can be shared freely.
    public init() {}

    /// Decodes the files of one dataset directory (file contents keyed by file).
    public func decode(_ files: [DatasetFile: [UInt8]]) throws(DatasetError) -> Dataset {
        for file in DatasetFile.allCases where file.isRequired && files[file] == nil {
            throw DatasetError(file: file.fileName, kind: .missingFile, message: "required file \(file.fileName) is missing")
        }
        var state = DecodeState()
        try Self.read(.agents, files) { (table) throws(DatasetError) in try state.readAgents(&table) }
        try Self.read(.territories, files) { (table) throws(DatasetError) in try state.readTerritories(&table) }
        try Self.read(.coverage, files) { (table) throws(DatasetError) in try state.readCoverage(&table) }
        try Self.read(.adjacency, files) { (table) throws(DatasetError) in try state.readAdjacency(&table) }
        try Self.read(.referrals, files) { (table) throws(DatasetError) in try state.readReferrals(&table) }
        try Self.read(.leads, files) { (table) throws(DatasetError) in try state.readLeads(&table) }
        return state.dataset
    }

    /// Decodes a standalone leads file (the `leads.csv` columns) for batch routing. Same rules as in a dataset,
    /// except that territory and agent ids are not resolved: the router reports an unknown territory as an
    /// unroutable decision and ignores unknown source or previous agents, with a note.
    public func decodeLeads(_ bytes: [UInt8], fileName: String = DatasetFile.leads.fileName) throws(DatasetError) -> [Lead] {
        var state = DecodeState()
        state.resolvesReferences = false
        try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var table = try Table(file: .leads, bytes: buffer, fileName: fileName)
            try state.readLeads(&table)
        }
        return state.dataset.leads
    }

    private static func read(
        _ file: DatasetFile,
        _ files: [DatasetFile: [UInt8]],
        _ body: (inout Table) throws(DatasetError) -> Void
    ) throws(DatasetError) {
        guard let bytes = files[file] else { return }
        try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var table = try Table(file: file, bytes: buffer)
            try body(&table)
        }
    }
}

// MARK: - Table: one file's records with columns resolved by header name

/// A scanner plus the header mapping of one file. Columns are addressed by their ordinal in
/// `DatasetFile.columns`; accessors return nil for an absent column or an empty field.
private struct Table {
    var scanner: CSVScanner
    /// Field index of each contract column, or -1 when the header lacks it.
    let fieldIndex: [Int]
    let fieldCount: Int
    let file: DatasetFile
    /// Rough number of data rows (line feeds), for reserving capacity.
    let estimatedRows: Int

    init(file: DatasetFile, bytes: UnsafeBufferPointer<UInt8>, fileName: String? = nil) throws(DatasetError) {
        self.file = file
        self.scanner = CSVScanner(bytes: bytes, file: fileName ?? file.fileName)
        var lineFeeds = 0
        for byte in bytes where byte == 10 { lineFeeds += 1 }
        self.estimatedRows = lineFeeds
        let columns = file.columns
        var fieldIndex = Array(repeating: -1, count: columns.count)
        var header: [String] = []
        if try self.scanner.next() {
            for index in self.scanner.fields.indices {
                let name = trimmed(try self.scanner.string(index))
                header.append(name)
            }
            self.scanner.header = header
            for (index, name) in header.enumerated() {
                guard let ordinal = columns.firstIndex(of: name) else { continue }
                if fieldIndex[ordinal] >= 0 {
                    throw self.scanner.error(.duplicateColumn, field: index, message: "column \(DatasetError.quoted(name)) appears twice")
                }
                fieldIndex[ordinal] = index
            }
        }
        for name in file.requiredColumns where fieldIndex[columns.firstIndex(of: name)!] < 0 {
            throw DatasetError(
                file: fileName ?? file.fileName,
                line: 1,
                columnName: name,
                kind: .missingColumn,
                message: "required column \(DatasetError.quoted(name)) is missing from the header"
            )
        }
        self.fieldIndex = fieldIndex
        self.fieldCount = header.count
    }

    var line: Int { self.scanner.recordLine }

    /// Advances to the next record, checking its field count.
    mutating func next() throws(DatasetError) -> Bool {
        guard try self.scanner.next() else { return false }
        if self.scanner.fields.count != self.fieldCount {
            throw self.scanner.recordError(
                .wrongFieldCount,
                message: "expected \(self.fieldCount) fields as in the header, got \(self.scanner.fields.count)"
            )
        }
        return true
    }

    /// Field index of contract column `ordinal` when present and non-empty.
    @inline(__always)
    func field(_ ordinal: Int) -> Int? {
        let index = self.fieldIndex[ordinal]
        guard index >= 0, !self.scanner.isEmpty(index) else { return nil }
        return index
    }

    /// Field index used for errors about column `ordinal` (which is present whenever it has a value).
    func errorField(_ ordinal: Int) -> Int { self.fieldIndex[ordinal] }

    func error(_ kind: DatasetError.Kind, _ ordinal: Int, _ message: String) -> DatasetError {
        self.scanner.error(kind, field: self.fieldIndex[ordinal], message: message)
    }

    func quotedValue(_ ordinal: Int) -> String {
        DatasetError.quoted(self.scanner.lossyText(self.fieldIndex[ordinal]))
    }

    /// A required column's text; empty → emptyRequiredField.
    func required(_ ordinal: Int) throws(DatasetError) -> String {
        guard let index = self.field(ordinal) else {
            throw self.error(.emptyRequiredField, ordinal, "required field is empty")
        }
        return try self.scanner.string(index)
    }

    func text(_ ordinal: Int) throws(DatasetError) -> String? {
        guard let index = self.field(ordinal) else { return nil }
        return try self.scanner.string(index)
    }

    func integer(_ ordinal: Int, in range: ClosedRange<Int>) throws(DatasetError) -> Int? {
        guard let index = self.field(ordinal) else { return nil }
        let value = try self.scanner.integer(index)
        guard range.contains(value) else {
            throw self.error(.outOfRange, ordinal, "must be \(Self.describe(range)): \(self.quotedValue(ordinal))")
        }
        return value
    }

    func decimal(_ ordinal: Int, in range: ClosedRange<Double>) throws(DatasetError) -> Double? {
        guard let index = self.field(ordinal) else { return nil }
        let value = try self.scanner.decimal(index)
        guard range.contains(value) else {
            throw self.error(.outOfRange, ordinal, "must be \(Self.describe(range)): \(self.quotedValue(ordinal))")
        }
        return value
    }

    func boolean(_ ordinal: Int) throws(DatasetError) -> Bool? {
        guard let index = self.field(ordinal) else { return nil }
        let s = self.scanner
        if s.equalsIgnoringCase(index, "true") || s.equalsIgnoringCase(index, "1") || s.equalsIgnoringCase(index, "yes") { return true }
        if s.equalsIgnoringCase(index, "false") || s.equalsIgnoringCase(index, "0") || s.equalsIgnoringCase(index, "no") { return false }
        throw self.error(.invalidValue, ordinal, "not a boolean (true/false/1/0/yes/no): \(self.quotedValue(ordinal))")
    }

    func kind(_ ordinal: Int) throws(DatasetError) -> LeadKind? {
        guard let index = self.field(ordinal) else { return nil }
        for kind in LeadKind.allCases where self.scanner.equalsIgnoringCase(index, kind.staticName) { return kind }
        throw self.error(.invalidValue, ordinal, "not a lead kind (buy/sell/rent): \(self.quotedValue(ordinal))")
    }

    /// A `|`-separated list, items trimmed, empty items dropped; nil when no item remains.
    func list(_ ordinal: Int, uppercased: Bool) throws(DatasetError) -> [String]? {
        guard let text = try self.text(ordinal) else { return nil }
        var items: [String] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: true) {
            let item = trimmed(Substring(part))
            if item.isEmpty { continue }
            items.append(uppercased ? item.uppercased() : item.lowercased())
        }
        return items.isEmpty ? nil : items
    }

    /// An ISO-8601 date or date-time, kept as written.
    func timestamp(_ ordinal: Int) throws(DatasetError) -> String? {
        guard let index = self.field(ordinal) else { return nil }
        let field = self.scanner.fields[index]
        let valid =
            !field.hasEscapedQuotes && ISO8601Shape.isValid(UnsafeBufferPointer(rebasing: self.scanner.bytes[field.start..<field.end]))
        guard valid else {
            throw self.error(.invalidValue, ordinal, "not an ISO-8601 date or date-time: \(self.quotedValue(ordinal))")
        }
        return try self.scanner.string(index)
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        if range.upperBound == Int.max { return "≥ \(range.lowerBound)" }
        return "in \(range.lowerBound)...\(range.upperBound)"
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        if range.upperBound == .greatestFiniteMagnitude { return "≥ \(range.lowerBound)" }
        return "in [\(range.lowerBound), \(range.upperBound)]"
    }
}

private let nonNegativeInts = 0...Int.max
private let nonNegativeDoubles = 0.0...Double.greatestFiniteMagnitude

extension LeadKind {
    fileprivate var staticName: StaticString {
        switch self {
        case .buy: "buy"
        case .sell: "sell"
        case .rent: "rent"
        }
    }
}

// MARK: - Decode state: the dataset being built and the id indices

private struct DecodeState {
    var dataset = Dataset()
    var agentIndex: [String: Int32] = [:]
    var agentLines: [Int] = []
    var territoryIndex: [String: Int32] = [:]
    var territoryLines: [Int] = []
    /// False for a standalone leads file: ids are kept as given, not checked against agents and territories.
    var resolvesReferences = true

    func duplicate(_ table: Table, _ ordinal: Int, _ id: String, firstLine: Int) -> DatasetError {
        table.error(.duplicateId, ordinal, "duplicate id \(DatasetError.quoted(id)) (first defined on line \(firstLine))")
    }

    func agent(_ table: Table, _ ordinal: Int) throws(DatasetError) -> Int32 {
        let id = try table.required(ordinal)
        guard let index = self.agentIndex[id] else {
            throw table.error(.unknownReference, ordinal, "unknown agent id \(DatasetError.quoted(id))")
        }
        return index
    }

    func territory(_ table: Table, _ ordinal: Int) throws(DatasetError) -> Int32 {
        let id = try table.required(ordinal)
        guard let index = self.territoryIndex[id] else {
            throw table.error(.unknownReference, ordinal, "unknown territory id \(DatasetError.quoted(id))")
        }
        return index
    }

    // agents.csv: id,name,active,states,languages,specialties,price_min,price_max,capacity,
    //             open_leads,closed,assigned,response_minutes,lat,lon
    mutating func readAgents(_ table: inout Table) throws(DatasetError) {
        self.dataset.agents.reserveCapacity(table.estimatedRows)
        self.agentLines.reserveCapacity(table.estimatedRows)
        self.agentIndex.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            let index = Int32(self.dataset.agents.count)
            if let first = self.agentIndex.updateValue(index, forKey: id) {
                throw self.duplicate(table, 0, id, firstLine: self.agentLines[Int(first)])
            }
            self.agentLines.append(table.line)
            let name = try table.text(1)
            let active = try table.boolean(2) ?? true
            let states = try table.list(3, uppercased: true) ?? []
            let languages = try table.list(4, uppercased: false) ?? Agent.defaultLanguages
            let specialties = try table.list(5, uppercased: false) ?? Agent.defaultSpecialties
            let priceMin = try table.decimal(6, in: nonNegativeDoubles)
            let priceMax = try table.decimal(7, in: nonNegativeDoubles)
            let capacity = try table.integer(8, in: nonNegativeInts) ?? Agent.defaultCapacity
            let openLeads = try table.integer(9, in: nonNegativeInts) ?? 0
            let closed = try table.integer(10, in: nonNegativeInts) ?? 0
            let assigned = try table.integer(11, in: nonNegativeInts) ?? 0
            let responseMinutes = try table.decimal(12, in: nonNegativeDoubles)
            let latitude = try table.decimal(13, in: -90...90)
            let longitude = try table.decimal(14, in: -180...180)
            if let priceMin, let priceMax, priceMin > priceMax {
                throw table.error(.outOfRange, 7, "price_max \(table.quotedValue(7)) is below price_min \(table.quotedValue(6))")
            }
            self.dataset.agents.append(
                Agent(
                    id: id,
                    name: name,
                    active: active,
                    states: states,
                    languages: languages,
                    specialties: specialties,
                    priceMin: priceMin,
                    priceMax: priceMax,
                    capacity: capacity,
                    openLeads: openLeads,
                    closed: closed,
                    assigned: assigned,
                    responseMinutes: responseMinutes,
                    latitude: latitude,
                    longitude: longitude
                )
            )
        }
    }

    // territories.csv: id,name,state,lat,lon
    mutating func readTerritories(_ table: inout Table) throws(DatasetError) {
        self.dataset.territories.reserveCapacity(table.estimatedRows)
        self.territoryLines.reserveCapacity(table.estimatedRows)
        self.territoryIndex.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            let index = Int32(self.dataset.territories.count)
            if let first = self.territoryIndex.updateValue(index, forKey: id) {
                throw self.duplicate(table, 0, id, firstLine: self.territoryLines[Int(first)])
            }
            self.territoryLines.append(table.line)
            let name = try table.text(1)
            let state = try table.text(2).map { trimmed(Substring($0)).uppercased() } ?? ""
            let latitude = try table.decimal(3, in: -90...90)
            let longitude = try table.decimal(4, in: -180...180)
            self.dataset.territories.append(Territory(id: id, name: name, state: state, latitude: latitude, longitude: longitude))
        }
    }

    // coverage.csv: agent_id,territory_id,weight
    mutating func readCoverage(_ table: inout Table) throws(DatasetError) {
        self.dataset.coverage.reserveCapacity(table.estimatedRows)
        var seen = Set<UInt64>(minimumCapacity: table.estimatedRows)
        while try table.next() {
            let agent = try self.agent(table, 0)
            let territory = try self.territory(table, 1)
            let weight = try table.decimal(2, in: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude) ?? 1
            guard weight > 0 && weight <= 1 else { throw table.error(.outOfRange, 2, "must be in (0, 1]: \(table.quotedValue(2))") }
            guard seen.insert(pairKey(agent, territory)).inserted else {
                throw table.error(.duplicateEdge, 1, "agent \(table.quotedValue(0)) already covers this territory")
            }
            self.dataset.coverage.append(Coverage(agent: agent, territory: territory, weight: weight))
        }
    }

    // adjacency.csv: territory_id,neighbor_id,distance_km
    mutating func readAdjacency(_ table: inout Table) throws(DatasetError) {
        self.dataset.adjacency.reserveCapacity(table.estimatedRows)
        var seen = Set<UInt64>(minimumCapacity: table.estimatedRows)
        while try table.next() {
            let territory = try self.territory(table, 0)
            let neighbor = try self.territory(table, 1)
            let distance = try table.decimal(2, in: nonNegativeDoubles)
            if territory == neighbor { throw table.error(.selfReference, 1, "territory is adjacent to itself") }
            guard seen.insert(pairKey(min(territory, neighbor), max(territory, neighbor))).inserted else {
                throw table.error(.duplicateEdge, 1, "adjacency between these territories is already listed (adjacency is undirected)")
            }
            self.dataset.adjacency.append(TerritoryAdjacency(territory: territory, neighbor: neighbor, distanceKm: distance))
        }
    }

    // referrals.csv: from_agent_id,to_agent_id,sent,closed
    mutating func readReferrals(_ table: inout Table) throws(DatasetError) {
        self.dataset.referrals.reserveCapacity(table.estimatedRows)
        var seen = Set<UInt64>(minimumCapacity: table.estimatedRows)
        while try table.next() {
            let from = try self.agent(table, 0)
            let to = try self.agent(table, 1)
            let sent = try table.integer(2, in: 1...Int(Int32.max)) ?? 1
            let closed = try table.integer(3, in: 0...Int(Int32.max)) ?? 0
            if from == to { throw table.error(.selfReference, 1, "agent refers to itself") }
            if closed > sent { throw table.error(.outOfRange, 3, "closed \(closed) exceeds sent \(sent)") }
            guard seen.insert(pairKey(from, to)).inserted else {
                throw table.error(.duplicateEdge, 1, "referral from \(table.quotedValue(0)) to this agent is already listed")
            }
            self.dataset.referrals.append(Referral(from: from, to: to, sent: Int32(sent), closed: Int32(closed)))
        }
    }

    // leads.csv: id,territory_id,kind,price,language,language_required,urgency,source_agent_id,previous_agent_id,created_at
    mutating func readLeads(_ table: inout Table) throws(DatasetError) {
        self.dataset.leads.reserveCapacity(table.estimatedRows)
        var leadLines: [String: Int] = [:]
        leadLines.reserveCapacity(table.estimatedRows)
        while try table.next() {
            let id = try table.required(0)
            if let first = leadLines.updateValue(table.line, forKey: id) {
                throw self.duplicate(table, 0, id, firstLine: first)
            }
            let territoryId = try table.required(1)
            if self.resolvesReferences && self.territoryIndex[territoryId] == nil {
                throw table.error(.unknownReference, 1, "unknown territory id \(DatasetError.quoted(territoryId))")
            }
            let kind = try table.kind(2) ?? .buy
            let price = try table.decimal(3, in: nonNegativeDoubles)
            let language = try table.text(4).map { trimmed(Substring($0)).lowercased() }
            let languageRequired = try table.boolean(5) ?? false
            let urgency = try table.integer(6, in: 0...3) ?? 0
            let source = try self.optionalAgentId(table, 7)
            let previous = try self.optionalAgentId(table, 8)
            let createdAt = try table.timestamp(9)
            self.dataset.leads.append(
                Lead(
                    id: id,
                    territoryId: territoryId,
                    kind: kind,
                    price: price,
                    language: language?.isEmpty == true ? nil : language,
                    languageRequired: languageRequired,
                    urgency: urgency,
                    sourceAgentId: source,
                    previousAgentId: previous,
                    createdAt: createdAt
                )
            )
        }
    }

    private func optionalAgentId(_ table: Table, _ ordinal: Int) throws(DatasetError) -> String? {
        guard let id = try table.text(ordinal) else { return nil }
        if self.resolvesReferences && self.agentIndex[id] == nil {
            throw table.error(.unknownReference, ordinal, "unknown agent id \(DatasetError.quoted(id))")
        }
        return id
    }
}

@inline(__always)
private func pairKey(_ a: Int32, _ b: Int32) -> UInt64 {
    UInt64(UInt32(bitPattern: a)) << 32 | UInt64(UInt32(bitPattern: b))
}

/// Removes leading and trailing spaces and tabs.
private func trimmed(_ text: some StringProtocol) -> String {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = text.firstIndex(where: { !isBlank($0) }) else { return "" }
    let last = text.lastIndex(where: { !isBlank($0) })!
    return String(text[first...last])
}

// MARK: - ISO-8601 shape check

/// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.f+]][Z|±HH:MM]`, with month, day (leap years included), hour,
/// minute, second (0–60, for leap seconds) and offset ranges checked.
