import Foundation

/// Finds a directory that ships with the repository (the bundled dataset, the Cypher files) when no path is given:
/// the environment variable first, then the current directory and its parents, then the executable's directory and
/// its parents — which covers `swift run`, `.build/<config>/leadrouter` and `swift test` from a clone.
public enum RepositoryDirectory {
    /// The path of `relativePath` (a directory containing `marker`), or nil when none is found.
    /// - Parameters:
    ///   - relativePath: the directory relative to the repository root, e.g. `fixtures/metro`.
    ///   - marker: a file that must exist inside it, e.g. `agents.csv`.
    ///   - environmentVariable: an override; a non-empty value is returned as is.
    public static func locate(_ relativePath: String, containing marker: String, environmentVariable: String) -> String? {
        if let explicit = ProcessInfo.processInfo.environment[environmentVariable], !explicit.isEmpty { return explicit }
        let starts = [
            FileManager.default.currentDirectoryPath,
            URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path,
        ]
        for start in starts {
            var directory = URL(fileURLWithPath: start)
            for _ in 0..<8 {
                let candidate = directory.appendingPathComponent(relativePath)
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
                    return candidate.path
                }
                directory.deleteLastPathComponent()
            }
        }
        return nil
    }
}
