import Foundation
public import LeadRoutingCore

/// Reads a standalone leads CSV (the `leads.csv` columns of a dataset directory) for batch routing.
public enum LeadsFile {
    /// Loads every lead of the file; errors name the file, line and column. Ids are not resolved against a graph.
    public static func load(from path: String) throws -> [Lead] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetDirectoryError(kind: .readFailed, path: path, message: "cannot read the leads file")
        }
        return try DatasetDecoder().decodeLeads(Array(data), fileName: path)
    }
}
