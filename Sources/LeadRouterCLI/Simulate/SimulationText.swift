import LeadRoutingAnalysis
import LeadRoutingCore

/// `simulate`'s text table and picture.
enum SimulationText {
    /// One row per arm, every figure as mean ± half the 95% interval.
    static func table(_ report: SimulationReport) -> String {
        var text = Self.header(report)
        let table = TextTable(
            columns: [
                .text("policy"), .number("conversions"), .number("% of oracle"), .number("load Gini"), .number("Jain"),
                .number("starved"), .number("SLA breaches"), .number("unroutable %"), .number("first contact min"),
            ],
            rows: report.arms.map { arm in
                [
                    arm.name, Self.cell(arm.conversions, 1), arm.percentOfOracle.map { Self.cell($0, 1) } ?? "-",
                    Self.cell(arm.loadGini, 3), Self.cell(arm.loadJain, 3), Self.cell(arm.starvedAgents, 1),
                    Self.cell(arm.slaBreaches, 1), Self.cell(arm.unroutablePercent, 1), Self.cell(arm.firstContactMinutes, 1),
                ]
            }
        )
        return text + table.render()
    }

    /// Cumulative conversions per arm over the simulated days.
    static func chart(_ report: SimulationReport, dataset: String) -> LineChartSVG {
        let c = report.configuration
        return LineChartSVG(
            title: "Cumulative conversions by policy",
            subtitle: "\(dataset): \(c.days) days, \(Self.number(report.leadsPerDay, 1)) leads/day, mean of \(c.replications) "
                + "replication\(c.replications == 1 ? "" : "s") from seed \(c.seed)",
            series: report.arms.map { LineChartSVG.Series(name: $0.name, values: $0.cumulativeConversions) },
            xTitle: "simulated day",
            yTitle: "leads closed won"
        )
    }

    /// The settings line and the note on intervals, ending in a blank line.
    static func header(_ report: SimulationReport) -> String {
        let c = report.configuration
        var text = "\(c.days) simulated days, \(Self.number(report.leadsPerDay, 1)) leads/day, \(report.agents) agents, "
        text +=
            "\(c.replications) replication\(c.replications == 1 ? "" : "s") from seed \(c.seed), offer SLA \(Self.number(c.offerSLAMinutes, 0)) min\n"
        return text + "(mean ± half the 95% confidence interval over replications)\n\n"
    }

    static func cell(_ estimate: Estimate, _ digits: Int) -> String {
        "\(Self.number(estimate.mean, digits)) ± \(Self.number(estimate.halfWidth, digits))"
    }

    static func number(_ value: Double, _ digits: Int) -> String { ChartText.fixed(value, digits) }
}
