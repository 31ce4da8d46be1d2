import LeadRoutingAnalysis
import LeadRoutingCore

/// The human summaries of `leadrouter analyze`, one per report: a headline with counted nouns ("1 agent",
/// "within 1 hop"), then an aligned table with names beside ids, scores rounded to three significant digits and
/// shares in percent.
struct AnalysisText {
    /// The display name of an agent id, or nil when it has none besides its id.
    var agentName: (String) -> String? = { _ in nil }
    /// The display name of a territory id, or nil.
    var territoryName: (String) -> String? = { _ in nil }

    // MARK: Numbers

    /// A referral volume or other amount: a whole number with thousands separators, else one decimal.
    static func amount(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return ChartText.grouped(Int(value)) }
        return ChartText.fixed(value, 1)
    }

    private func name(_ id: String) -> String { self.agentName(id) ?? "" }

    /// A ranking of agents by one score, `score` formatted per column.
    private func ranking(_ rows: [RankedScore], scoreTitle: String, format: (Double) -> String) -> String {
        TextTable(
            columns: [.number("rank"), .text("agent"), .text("name"), .number(scoreTitle)],
            rows: rows.map { ["\($0.rank)", $0.id, self.name($0.id), format($0.score)] }
        ).render()
    }

    // MARK: Reports

    func pagerank(_ report: PageRankReport) -> String {
        let shares = report.top.map { $0.score * 100 }
        let digits = ChartText.decimals(for: shares)
        var text = "PageRank of \(ChartText.counted(report.agents, "agent")): \(ChartText.counted(report.iterations, "iteration"))"
        text += " (last L1 change \(ChartText.scientific(report.lastChange)), damping \(AnalysisFormat.number(report.damping)))\n"
        text += "influence = share of all referral influence (the agents' scores add up to 100 %)\n"
        return text + self.ranking(report.top, scoreTitle: "influence %") { ChartText.fixed($0 * 100, digits) }
    }

    func betweenness(_ report: BetweennessReport) -> String {
        let kind =
            report.exact
            ? "exact" : "sampled from \(ChartText.counted(report.sampleSize, "pivot"))\(report.seed.map { ", seed \($0)" } ?? "")"
        let digits = ChartText.decimals(for: report.top.map(\.score))
        return "Betweenness of \(ChartText.counted(report.agents, "agent")) (\(kind))\n"
            + self.ranking(report.top, scoreTitle: "betweenness") { ChartText.fixed($0, digits) }
    }

    func communities(_ report: CommunitiesReport) -> String {
        var text = "Louvain: \(ChartText.counted(report.communities, "community", plural: "communities")) of "
        text += "\(ChartText.counted(report.agents, "agent")), modularity \(ChartText.fixed(report.modularity, 3)), "
        text += "\(ChartText.counted(report.levels, "level"))\n"
        return text
            + TextTable(
                columns: [.text("community"), .number("agents"), .number("internal referrals"), .text("busiest agents")],
                rows: report.top.map { row in
                    [
                        row.community, ChartText.grouped(row.agents), Self.amount(row.internalReferrals),
                        row.topAgents.map { id in self.agentName(id).map { "\($0) (\(id))" } ?? id }.joined(separator: ", "),
                    ]
                }
            ).render()
    }

    func components(_ report: ComponentsReport) -> String {
        var text = "Components of \(ChartText.counted(report.agents, "agent")): "
        text += "\(ChartText.counted(report.weakComponents, "weak component")) (largest \(ChartText.counted(report.largestWeak, "agent"))), "
        text += "\(ChartText.counted(report.strongComponents, "strong component")) (largest \(ChartText.counted(report.largestStrong, "agent"))); "
        text += "\(ChartText.counted(report.isolatedAgents, "agent")) without referrals\n"
        text += "largest \(report.kind) components (agents): \(report.topSizes.map(ChartText.grouped).joined(separator: ", "))\n"
        return text
    }

    func reciprocity(_ report: ReciprocityReport) -> String {
        var text = "Reciprocity: \(ChartText.grouped(report.reciprocatedEdges)) of \(ChartText.counted(report.edges, "referral edge")) returned"
        text += " (\(report.overall.map { ChartText.percent($0) } ?? "undefined: no referrals"))\n"
        return text + self.ranking(report.top, scoreTitle: "reciprocity") { ChartText.fixed($0, 3) }
    }

    func reach(_ report: ReachReport) -> String {
        let who = self.agentName(report.agent).map { "\(report.agent) (\($0))" } ?? report.agent
        var text = "\(who) reaches \(ChartText.counted(report.agents, "agent")) within \(ChartText.counted(report.hops, "hop"))"
        text += " (\(report.direction)); referral volume \(Self.amount(report.volume))\n"
        return text
            + TextTable(
                columns: [.number("hop"), .number("agents")],
                rows: report.agentsPerHop.enumerated().map { ["\($0.offset + 1)", ChartText.grouped($0.element)] }
            ).render()
    }

    func reachAll(_ report: ReachAllReport) -> String {
        var text =
            "Reach within \(ChartText.counted(report.hops, "hop")) (\(report.direction)) from each of \(ChartText.counted(report.agents, "agent")); "
        text += "mean \(ChartText.fixed(report.meanReach, 1)) agents reached\n"
        return text
            + TextTable(
                columns: [.number("rank"), .text("agent"), .text("name"), .number("agents reached"), .number("referral volume")],
                rows: report.top.map { ["\($0.rank)", $0.id, self.name($0.id), ChartText.grouped($0.agents), Self.amount($0.volume)] }
            ).render()
    }

    func topReferrers(_ report: TopReferrersReport) -> String {
        "\(Self.amount(report.totalReferrals)) referrals sent between \(ChartText.counted(report.agents, "agent"))\n\nTop referrers\n"
            + self.ranking(report.topReferrers, scoreTitle: "sent", format: Self.amount)
            + "\nTop receivers\n"
            + self.ranking(report.topReceivers, scoreTitle: "received", format: Self.amount)
    }

    func leakage(_ report: LeakageReport) -> String {
        var text = "Leakage by \(report.by): \(ChartText.counted(report.groups, "group")), "
        text += "\(report.overall.map { ChartText.percent($0) } ?? "no referrals") of referrals cross a group boundary"
        if report.unassignedAgents > 0 { text += "; \(ChartText.counted(report.unassignedAgents, "agent")) in no group" }
        text += "\nleakage = outgoing / (internal + outgoing), highest first\n"
        return text
            + TextTable(
                columns: [
                    .text("group"), .number("agents"), .number("internal"), .number("outgoing"), .number("incoming"), .number("leakage"),
                ],
                rows: report.top.map { row in
                    [
                        row.group, ChartText.grouped(row.agents), Self.amount(row.internalReferrals), Self.amount(row.outgoingReferrals),
                        Self.amount(row.incomingReferrals), row.leakage.map { ChartText.percent($0) } ?? "-",
                    ]
                }
            ).render()
    }

    func coverageGaps(_ report: CoverageGapsReport) -> String {
        var text = "Coverage gaps (supply within \(ChartText.counted(report.hops, "hop"))"
        if report.demandScale != 1 { text += ", demand × \(AnalysisFormat.number(report.demandScale))" }
        text += "): \(ChartText.grouped(report.territoriesShort)) of \(ChartText.counted(report.territories, "territory", plural: "territories"))"
        text += " short, total shortfall \(ChartText.counted(report.totalShortfall, "lead"))"
        if report.unknownTerritoryLeads > 0 { text += "; \(ChartText.counted(report.unknownTerritoryLeads, "lead")) in unknown territories" }
        text += "\nshortfall = demand − supply (negative: spare capacity)\n"
        return text
            + TextTable(
                columns: [.text("territory"), .text("name"), .number("demand"), .number("supply"), .number("agents"), .number("shortfall")],
                rows: report.top.map { row in
                    [
                        row.id, self.territoryName(row.id) ?? "", ChartText.grouped(row.demand), ChartText.grouped(row.supply),
                        ChartText.grouped(row.agents), ChartText.grouped(row.shortfall),
                    ]
                }
            ).render()
    }
}
