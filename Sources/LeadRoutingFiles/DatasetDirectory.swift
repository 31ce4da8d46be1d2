public import LeadRoutingCore

/// Temporary stand-in until the codec lands.
public enum DatasetDirectory {
    public static func load(from path: String) throws -> LoadedDataset {
        throw PolicyFileError(path: path, message: "dataset codec not merged yet")
    }
}

public struct LoadedDataset: Sendable {
    public var dataset: Dataset
    public var fingerprint: String
    public var byteCount: Int
    public var path: String
}
