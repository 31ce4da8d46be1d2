import Foundation

/// Locations of the repository's fixtures, found relative to this source file.
enum FixturePaths {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    static let tiny = repositoryRoot.appendingPathComponent("fixtures/tiny").path
    static let metro = repositoryRoot.appendingPathComponent("fixtures/metro").path

    static func tinyPolicy(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("fixtures/tiny/policies/\(name).json").path
    }
}
