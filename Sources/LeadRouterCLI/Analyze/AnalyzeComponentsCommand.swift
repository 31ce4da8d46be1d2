import ArgumentParser
import LeadRoutingCore

/// `leadrouter analyze components`: weakly or strongly connected components.
struct AnalyzeComponentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "Weakly or strongly connected components of the referral network.",
        discussion: """
            Components are numbered by decreasing size (ties: the one with the earliest agent first). Both kinds \
            are counted; --kind picks the one listed in the CSV (id,component) and the text summary.
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case weak
        case strong
    }

    @OptionGroup var options: AnalysisOptions

    @Option(name: .long, help: "Which components to list: weak or strong.")
    var kind: Kind = .weak

    func run() async throws {
        let input = try await self.options.load()
        let weak = ConnectedComponents.weak(input.graph)
        let strong = ConnectedComponents.strong(input.graph)
        let chosen = self.kind == .weak ? weak : strong
        let ids = input.agentIds
        let json = ComponentsReport(
            algorithm: "components",
            graphVersion: input.projection.version,
            agents: input.projection.agentCount,
            kind: self.kind.rawValue,
            weakComponents: weak.count,
            strongComponents: strong.count,
            largestWeak: weak.sizes.first ?? 0,
            largestStrong: strong.sizes.first ?? 0,
            isolatedAgents: (0..<input.graph.nodeCount).filter {
                input.graph.outgoing.degree(of: Int32($0)) == 0 && input.graph.incoming.degree(of: Int32($0)) == 0
            }.count,
            topSizes: Array(chosen.sizes.prefix(self.options.top))
        )
        try self.options.emit(
            csv: { AnalysisFormat.csv(header: "id,component", count: ids.count) { "\(ids[$0]),\(chosen.labels[$0])" } },
            json: json,
            text: {
                """
                Components of \(json.agents) agents: \(json.weakComponents) weak (largest \(json.largestWeak)), \
                \(json.strongComponents) strong (largest \(json.largestStrong)); \(json.isolatedAgents) agents without referrals
                largest \(self.kind.rawValue) components: \(json.topSizes.map(String.init).joined(separator: ", "))

                """
            }
        )
    }
}
