import Foundation

/// A two-column CSV assigning agents to groups (`agent_id,<group column>`), e.g. the generator's hidden
/// `truth/agent_brokerage.csv`. Only the first two columns are read; ids must not contain commas or quotes.
enum AgentGroupsFile {
    /// Group id of every listed agent.
    static func load(_ path: String) throws -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("\(path): cannot read the file") }
        var groups = [String: String]()
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            lineNumber += 1
            if lineNumber == 1 { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 2, !fields[0].isEmpty else { throw CLIError("\(path):\(lineNumber): expected agent_id,group") }
            groups[String(fields[0])] = String(fields[1])
        }
        return groups
    }
}
