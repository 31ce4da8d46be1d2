public import LeadRoutingCore

/// A dataset read from a directory, with what callers need to label and size it.
public struct LoadedDataset: Sendable {
    /// The decoded, validated dataset.
    public var dataset: Dataset
    /// ``DatasetFingerprint`` of the files as read: the graph version of a projection built from it.
    public var fingerprint: String
    /// Total bytes of the files' text (decompressed when compressed), for throughput figures.
    public var byteCount: Int
    /// The directory it was read from, as given.
    public var path: String
    /// Repeated rows that agreed with an earlier row and were merged (for the load summary).
    public var merges: DatasetMerges

    /// Creates a loaded dataset.
    public init(dataset: Dataset, fingerprint: String, byteCount: Int, path: String, merges: DatasetMerges = DatasetMerges()) {
        self.dataset = dataset
        self.fingerprint = fingerprint
        self.byteCount = byteCount
        self.path = path
        self.merges = merges
    }
}
