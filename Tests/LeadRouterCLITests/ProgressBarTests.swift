import ArgumentParser
import Testing

@testable import LeadRouterCLI

@Suite struct ProgressBarTests {
    @Test func rendersPhaseBarPercentCountsAndRate() {
        let line = ProgressBar.render(phase: "referrals", done: 4_500_000, total: 10_000_000, rate: 1_200_000, width: 10)
        #expect(line == "referrals [####......] 45% 4.5M/10M 1.2M/s")
    }

    @Test(arguments: [(0.0, "0"), (950.0, "950"), (4500.0, "4.5K"), (12_000.0, "12K"), (1_000_000.0, "1M"), (3.4e9, "3.4G")])
    func abbreviates(value: Double, expected: String) {
        #expect(ProgressBar.abbreviate(value) == expected)
    }

    @Test func emptyTotalRendersAsComplete() {
        #expect(ProgressBar.render(phase: "leads", done: 0, total: 0, rate: 0, width: 4) == "leads [####] 100% 0/0 0/s")
    }

    @Test func generateRejectsImpossibleReferralCounts() {
        #expect(throws: (any Error).self) {
            _ = try GenerateCommand.parse(["--agents", "10", "--referrals", "91", "--out", "/tmp/x"])
        }
        #expect(throws: (any Error).self) {
            _ = try GenerateCommand.parse(["--metro", "atlantis", "--out", "/tmp/x"])
        }
    }
}
