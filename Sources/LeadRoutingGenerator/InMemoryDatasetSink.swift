import LeadRoutingCore

/// A ``GeneratedDatasetSink`` that keeps every file in memory: for tests and small demo datasets.
public struct InMemoryDatasetSink: GeneratedDatasetSink, Sendable {
    /// Bytes of each file written so far.
    public private(set) var files: [GeneratedFile: [UInt8]] = [:]
    /// The hidden-truth model, once written.
    public private(set) var truth: HiddenTruth?

    public init() {}

    public mutating func write(_ bytes: [UInt8], to file: GeneratedFile) throws {
        self.files[file, default: []].append(contentsOf: bytes)
    }

    public mutating func writeTruthModel(_ truth: HiddenTruth) throws {
        self.truth = truth
    }

    /// A file's contents as text (empty when never written).
    public func text(of file: GeneratedFile) -> String {
        String(decoding: self.files[file] ?? [], as: UTF8.self)
    }
}
