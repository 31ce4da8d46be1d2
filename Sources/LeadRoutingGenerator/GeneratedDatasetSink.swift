import LeadRoutingCore

/// Where ``DatasetGenerator`` sends its output, chunk by chunk, so that a dataset of any size streams to
/// disk (or memory) with bounded buffers.
///
/// For each file the generator calls ``write(_:to:)`` zero or more times with complete CSV rows, the first
/// chunk starting with the header row; chunks of different files interleave. Every file in
/// ``GeneratedFile/allCases`` receives at least its header. ``writeTruthModel(_:)`` is called once, last.
public protocol GeneratedDatasetSink {
    /// Appends `bytes` (UTF-8 CSV, whole rows) to `file`.
    mutating func write(_ bytes: [UInt8], to file: GeneratedFile) throws
    /// Receives the hidden-truth model after all rows have been written.
    mutating func writeTruthModel(_ truth: HiddenTruth) throws
}
