import LeadRoutingCore

extension SimulationText {
    /// An A/B test: one row per policy with its rates per 100 of its own leads, then each policy's paired difference
    /// from the control.
    static func abTable(_ report: SimulationReport, _ test: SimulationABReport) -> String {
        var text = Self.header(report) + "A/B test in one shared world: \(test.test)\n\n"
        text += TextTable(
            columns: [
                .text("policy"), .number("leads"), .number("share %"), .number("conversion %"), .number("expected conv. %"),
                .number("accepted %"), .number("SLA breaches %"), .number("unroutable %"), .number("first contact min"),
            ],
            rows: test.arms.map { arm in
                [
                    arm.name, Self.cell(arm.leads, 1), Self.cell(arm.leadPercent, 1), Self.cell(arm.conversionPercent, 2),
                    Self.cell(arm.expectedConversionPercent, 2), Self.cell(arm.acceptedPercent, 1), Self.cell(arm.slaBreachPercent, 1),
                    Self.cell(arm.unroutablePercent, 1), Self.cell(arm.firstContactMinutes, 1),
                ]
            }
        ).render()
        text += "\nDifference from \(test.arms.first?.name ?? "the control") in percentage points (paired by replication):\n\n"
        text += TextTable(
            columns: [.text("policy"), .number("conversion %"), .number("expected conv. %")],
            rows: test.differences.map { difference in
                [
                    difference.name, Self.signedCell(difference.conversionPoints, 2),
                    Self.signedCell(difference.expectedConversionPoints, 2),
                ]
            }
        ).render()
        return text
    }

    /// A difference with its sign and interval: `+1.23 [-0.10, +2.56]`.
    static func signedCell(_ estimate: Estimate, _ digits: Int) -> String {
        "\(Self.signed(estimate.mean, digits)) [\(Self.signed(estimate.low, digits)), \(Self.signed(estimate.high, digits))]"
    }

    static func signed(_ value: Double, _ digits: Int) -> String { (value >= 0 ? "+" : "") + Self.number(value, digits) }
}
