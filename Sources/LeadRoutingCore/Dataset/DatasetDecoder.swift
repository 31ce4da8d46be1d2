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
        var state = DatasetRecordDecoder()
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
    /// unroutable decision and ignores unknown source or previous agents, with a note. Being intake, like Lead JSON,
    /// its ids must follow ``Lead/idAlphabet`` (a dataset directory's ids are the graph's own and are not limited).
    public func decodeLeads(_ bytes: [UInt8], fileName: String = DatasetFile.leads.fileName) throws(DatasetError) -> [Lead] {
        try self.decodeNumberedLeads(bytes, fileName: fileName).leads
    }

    /// ``decodeLeads(_:fileName:)`` with the line each lead was read from (for messages naming file and line).
    public func decodeNumberedLeads(
        _ bytes: [UInt8],
        fileName: String = DatasetFile.leads.fileName
    ) throws(DatasetError) -> (
        leads: [Lead], lines: [Int]
    ) {
        var state = DatasetRecordDecoder()
        state.resolvesReferences = false
        try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var table = try DatasetTable(file: .leads, bytes: buffer, fileName: fileName)
            try state.readLeads(&table)
        }
        return (state.dataset.leads, state.leadLineNumbers)
    }

    private static func read(
        _ file: DatasetFile,
        _ files: [DatasetFile: [UInt8]],
        _ body: (inout DatasetTable) throws(DatasetError) -> Void
    ) throws(DatasetError) {
        guard let bytes = files[file] else { return }
        try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var table = try DatasetTable(file: file, bytes: buffer)
            try body(&table)
        }
    }
}
