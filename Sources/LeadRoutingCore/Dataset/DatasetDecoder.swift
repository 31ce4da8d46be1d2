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
///   (self-references, `price_min` ≤ `price_max`, `closed` ≤ `sent`, repeats).
/// - A repeated row is merged (counted in ``DatasetMerges``) when it agrees with the earlier one and rejected,
///   naming both lines, when it contradicts it: an adjacency pair in either direction agrees when both distances
///   are within 0.01 km or one is absent (the merged pair keeps the known distance); a coverage pair, a referral
///   pair, an agent id and a territory id agree when the decoded rows are equal. A repeated lead id is always
///   rejected: each lead row is one lead to route.
/// - Self-references are reported at the second endpoint column; contradictions at the first column that differs.
/// - Header names are matched after trimming spaces; columns the decoder does not know are ignored entirely
///   (their fields are not even UTF-8 validated).
public struct DatasetDecoder: Sendable {
    /// Creates a decoder; it holds no state, so one instance can be shared freely.
    public init() {}

    /// Decodes the files of one dataset directory (file contents keyed by file).
    public func decode(_ files: [DatasetFile: [UInt8]]) throws(DatasetError) -> Dataset {
        var merges = DatasetMerges()
        return try self.decode(files, merges: &merges)
    }

    /// Decodes the files of one dataset directory and reports the repeated rows it merged.
    /// - Parameters:
    ///   - fileNames: the name to give in errors for a file read under another name (`agents.csv.gz`);
    ///     absent files are named by ``DatasetFile/fileName``.
    ///   - merges: receives the rows merged because they repeated an earlier row and agreed with it.
    public func decode(
        _ files: [DatasetFile: [UInt8]],
        fileNames: [DatasetFile: String] = [:],
        merges: inout DatasetMerges
    ) throws(DatasetError) -> Dataset {
        for file in DatasetFile.allCases where file.isRequired && files[file] == nil {
            throw DatasetError(file: file.fileName, kind: .missingFile, message: "required file \(file.fileName) is missing")
        }
        var state = DatasetRecordDecoder()
        try Self.read(.agents, files, fileNames) { (table) throws(DatasetError) in try state.readAgents(&table) }
        try Self.read(.territories, files, fileNames) { (table) throws(DatasetError) in try state.readTerritories(&table) }
        // The other files only look agents and territories up: they are decoded side by side and put together in
        // file order, so the error reported is the first failing file's, as when they are read one after another.
        let later: [DatasetFile] = [.coverage, .adjacency, .referrals, .leads]
        var parts = [Result<DatasetRecordDecoder, DatasetError>?](repeating: nil, count: later.count)
        let base = state
        parts.withUnsafeMutableBufferPointer { slots in
            ParallelLoop.forEach(later.count) { index in
                var part = base
                part.merges = DatasetMerges()
                do throws(DatasetError) {
                    try Self.read(later[index], files, fileNames) { (table) throws(DatasetError) in try part.read(later[index], &table) }
                    slots[index] = .success(part)
                } catch {
                    slots[index] = .failure(error)
                }
            }
        }
        for (file, part) in zip(later, parts) {
            guard let part else { continue }
            state.take(file, from: try part.get())
        }
        merges = state.merges
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
        _ fileNames: [DatasetFile: String],
        _ body: (inout DatasetTable) throws(DatasetError) -> Void
    ) throws(DatasetError) {
        guard let bytes = files[file] else { return }
        try bytes.withUnsafeBufferPointer { (buffer) throws(DatasetError) in
            var table = try DatasetTable(file: file, bytes: buffer, fileName: fileNames[file])
            try body(&table)
        }
    }
}
