import Foundation
public import LeadRoutingCore

/// Reads a standalone leads CSV (the `leads.csv` columns of a dataset directory) for batch routing.
public enum LeadsFile {
    /// Loads every lead of the file (gzip-compressed when its name ends in `.gz`); errors name the file, line and
    /// column. Ids are not resolved against a graph.
    public static func load(from path: String) throws -> [Lead] {
        try DatasetDecoder().decodeLeads(DataFileReader.read(path), fileName: path)
    }
}
