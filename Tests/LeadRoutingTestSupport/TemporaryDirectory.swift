public import Foundation

/// Fresh directories for tests that write files.
public enum TemporaryDirectory {
    /// Creates a new, empty directory under the system temporary directory, named `<prefix>-<UUID>`.
    public static func make(prefix: String = "leadrouter-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
