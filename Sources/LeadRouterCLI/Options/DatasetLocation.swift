import LeadRoutingFiles

/// Finds the bundled demo dataset (`fixtures/metro`) when no `--dataset` is given: `LEADROUTER_DATASET`, then the
/// current directory and its parents, then the executable's directory and its parents (covers `swift run` and
/// `.build/release/leadrouter` from a clone).
enum DatasetLocation {
    static let bundledRelativePath = "fixtures/metro"

    static func resolve(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        guard let path = RepositoryDirectory.locate(bundledRelativePath, containing: "agents.csv", environmentVariable: "LEADROUTER_DATASET")
        else {
            throw CLIError("no --dataset given and the bundled dataset \(bundledRelativePath) was not found; pass --dataset DIR")
        }
        return path
    }
}
