import Foundation
public import LeadRoutingCore

/// Reads a standalone leads CSV (the `leads.csv` columns of a dataset directory) for batch routing.
public enum LeadsFile {
    /// Loads every lead of the file (gzip-compressed when its name ends in `.gz`); errors name the file, line and
    /// column. Ids are not resolved against a graph.
    public static func load(from path: String) throws -> [Lead] {
        try self.loadNumbered(from: path).leads
    }

    /// ``load(from:)`` with each lead's line in the file (plain or `.csv.gz`).
    public static func loadNumbered(from path: String) throws -> (leads: [Lead], lines: [Int]) {
        try DatasetDecoder().decodeNumberedLeads(DataFileReader.read(path), fileName: path)
    }
}
