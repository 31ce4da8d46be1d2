import Foundation
import LeadRoutingFiles

/// The project's Cypher files (`cypher/`), loaded from disk at run time so analysts and reviewers read exactly
/// what runs. Chosen over SwiftPM resources because the files live at the repository root for analysts (Neo4j
/// Browser) and must stay one copy; the price is that a deployed binary needs the directory next to it or
/// `LEADROUTER_CYPHER_DIR`.
///
/// Whole-line `//` comments are removed before sending (FalkorDB and Neo4j differ in what they keep, e.g. in
/// column names).
public struct CypherLibrary: Sendable {
    public let directory: String
    private let queries: [String: CypherQuery]

    /// The files every part of the adapter needs; ``load(from:)`` fails fast when one is missing.
    public static let required = [
        "schema", "import/agents", "import/territories", "import/coverage", "import/adjacency", "import/referrals",
        "import/leads", "import/meta", "snapshot/agents", "snapshot/territories", "snapshot/coverage",
        "snapshot/adjacency", "snapshot/referrals", "snapshot/leads", "snapshot/meta", "snapshot/changes",
        "candidates/territory-neighbours", "candidates/referrals-out", "candidates/coverage", "lineage/routed-to",
        "lineage/lookup", "admin/clear", "admin/touch",
    ]

    /// Loads every `*.cypher` under `directory` (default: ``locate()``).
    public static func load(from directory: String? = nil) throws(Neo4jError) -> CypherLibrary {
        let root: String
        if let directory { root = directory } else { root = try locate() }
        var queries: [String: CypherQuery] = [:]
        let base = URL(fileURLWithPath: root).standardizedFileURL
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
            throw Neo4jError(kind: .configuration, detail: "cannot read the cypher directory \(root)")
        }
        for case let url as URL in enumerator where url.pathExtension == "cypher" {
            let full = url.standardizedFileURL.path
            var relative = String(full.dropFirst(base.path.count))
            while relative.hasPrefix("/") { relative.removeFirst() }
            let name = String(relative.dropLast(".cypher".count))
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw Neo4jError(kind: .configuration, detail: "cannot read \(full)")
            }
            queries[name] = CypherQuery(name: name, text: Self.stripComments(text))
        }
        for name in Self.required where queries[name] == nil {
            throw Neo4jError(kind: .configuration, detail: "missing cypher file \(name).cypher in \(root)")
        }
        return CypherLibrary(directory: root, queries: queries)
    }

    /// `LEADROUTER_CYPHER_DIR`, else `cypher/` in the current directory or a parent, else next to the executable
    /// or a parent (covers `swift run`, `.build/debug/leadrouter` and `swift test`).
    public static func locate() throws(Neo4jError) -> String {
        guard let path = RepositoryDirectory.locate("cypher", containing: "schema.cypher", environmentVariable: "LEADROUTER_CYPHER_DIR")
        else {
            throw Neo4jError(kind: .configuration, detail: "the cypher/ directory was not found; set LEADROUTER_CYPHER_DIR")
        }
        return path
    }

    /// The query in `name.cypher` (e.g. `import/agents`).
    public func query(_ name: String) throws(Neo4jError) -> CypherQuery {
        guard let query = self.queries[name] else { throw Neo4jError(kind: .configuration, detail: "no cypher file \(name).cypher") }
        return query
    }

    /// The statements of a multi-statement file (`;` at the end of a line separates them).
    public func statements(_ name: String) throws(Neo4jError) -> [CypherQuery] {
        let query = try self.query(name)
        var statements: [CypherQuery] = []
        var current = ""
        for line in query.text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix(";") {
                current += String(trimmed.dropLast()) + "\n"
                statements.append(CypherQuery(name: "\(name)#\(statements.count + 1)", text: current.trimmingCharacters(in: .whitespacesAndNewlines)))
                current = ""
            } else {
                current += line + "\n"
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { statements.append(CypherQuery(name: "\(name)#\(statements.count + 1)", text: rest)) }
        return statements
    }

    /// Every loaded query name.
    public var names: [String] { self.queries.keys.sorted() }

    static func stripComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            .joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
