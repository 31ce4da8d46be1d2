import Foundation
public import LeadRoutingCore

/// Reads a standalone leads CSV (the `leads.csv` columns of a dataset directory) for batch routing.
public enum LeadsFile {
    /// Loads every lead of the file; errors name the file, line and column. Ids are not resolved against a graph.
    public static func load(from path: String) throws -> [Lead] {
        try self.loadNumbered(from: path).leads
    }

    /// ``load(from:)`` with each lead's line in the file.
    public static func loadNumbered(from path: String) throws -> (leads: [Lead], lines: [Int]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetDirectoryError(kind: .readFailed, path: path, message: "cannot read the leads file")
        }
        return try DatasetDecoder().decodeNumberedLeads(Array(data), fileName: path)
    }
}
