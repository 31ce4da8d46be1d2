public import Foundation

/// Where the repository is on disk, found from this source file's path, and the fixtures in it. Tests run from
/// any working directory, so every path a test opens starts here.
public enum RepositoryPaths {
    /// The repository root (the directory holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // LeadRoutingTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The absolute path of `relative`, a path inside the repository.
    public static func path(_ relative: String) -> String {
        self.root.appendingPathComponent(relative).path
    }

    /// `fixtures/tiny`: the network checked by hand.
    public static var tinyFixture: String { self.path("fixtures/tiny") }

    /// `fixtures/metro`: the committed generated metro.
    public static var metroFixture: String { self.path("fixtures/metro") }

    /// `cypher`: the Cypher statement library.
    public static var cypherDirectory: String { self.path("cypher") }

    /// A policy file of the tiny fixture, `fixtures/tiny/policies/<name>.json`.
    public static func tinyPolicy(_ name: String) -> String {
        self.path("fixtures/tiny/policies/\(name).json")
    }
}
