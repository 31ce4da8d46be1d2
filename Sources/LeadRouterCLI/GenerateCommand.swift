import ArgumentParser
import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingGenerator

/// `leadrouter generate`: writes a realistic synthetic dataset (and its hidden truth) to a directory,
/// deterministically for a seed, streaming so a million agents fit in modest memory.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic synthetic dataset to a directory.",
        discussion: """
            Territories on a grid around a real metro, agents in brokerages covering nearby territories, a \
            heavy-tailed referral network, and leads concentrated where people live. The same options always \
            give byte-identical files. The hidden truth (each agent's skill and the conversion model) goes to \
            OUT/truth/, which the router never reads.

            Metros: \(Metro.all.map(\.key).joined(separator: ", ")).
            """
    )

    @Option(help: "Number of agents.")
    var agents = 500

    @Option(help: "Number of territories (ZIP-like areas), at most 90000.")
    var territories = 60

    @Option(help: "Number of referral rows: distinct sender/receiver pairs.")
    var referrals = 3000

    @Option(help: "Number of leads.")
    var leads = 1000

    @Option(help: "Random seed; the same seed and counts give identical files.")
    var seed: UInt64 = 42

    @Option(help: "Metro area the territories surround (for example new-york, chicago, houston).")
    var metro = Metro.newYork.key

    @Option(
        help: """
            Network shape: metro (each agent covers home and up to seven nearby territories) or national (also \
            heavy-tailed coverage of the busiest territories, about 1.2 % of agents cover the densest, and referral \
            hubs, one per 50,000 agents, each referring to 15 % of the agents).
            """
    )
    var shape = GeneratorShape.metro.rawValue

    @Option(help: "Output directory (created if needed; existing dataset files are replaced).")
    var out: String

    @Flag(help: "Print a JSON summary (counts, bytes, seconds) on stdout.")
    var json = false

    @Flag(help: "Do not show progress on stderr.")
    var quiet = false

    func makeConfiguration() throws -> GeneratorConfiguration {
        guard let metro = Metro.named(self.metro) else {
            throw ValidationError(
                "unknown metro '\(self.metro)'; choose one of: \(Metro.all.map(\.key).joined(separator: ", "))"
            )
        }
        guard let shape = GeneratorShape(rawValue: self.shape) else {
            throw ValidationError(
                "unknown shape '\(self.shape)'; choose one of: \(GeneratorShape.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        let configuration = GeneratorConfiguration(
            agents: self.agents,
            territories: self.territories,
            referrals: self.referrals,
            leads: self.leads,
            seed: self.seed,
            metro: metro,
            shape: shape
        )
        do {
            try configuration.validate()
        } catch {
            throw ValidationError(error.message)
        }
        return configuration
    }

    func validate() throws {
        _ = try self.makeConfiguration()
        if self.out.isEmpty { throw ValidationError("--out must not be empty") }
    }

    func run() async throws {
        let configuration = try self.makeConfiguration()
        let generator = try DatasetGenerator(configuration: configuration)
        let clock = ContinuousClock()
        let started = clock.now
        var writer = try GeneratedDatasetWriter(directory: self.out)
        let bar = ProgressBar(enabled: !self.quiet)
        let summary: GenerationSummary
        do {
            summary = try generator.generate(into: &writer) { phase, done, total in
                bar.update(phase: phase.rawValue, done: done, total: total)
            }
            bar.finish()
            try writer.close()
        } catch {
            bar.finish()
            try? writer.close()
            throw error
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18

        if self.json {
            let report = Report(
                out: writer.directoryPath,
                metro: configuration.metro.key,
                seed: configuration.seed,
                counts: summary,
                bytes: writer.totalBytes,
                files: Dictionary(uniqueKeysWithValues: writer.bytesWritten.map { ($0.key.relativePath, $0.value) }),
                seconds: (seconds * 1000).rounded() / 1000
            )
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print(
                "Wrote \(summary.territories) territories, \(summary.agents) agents, \(summary.coverage) coverage rows, "
                    + "\(summary.adjacency) adjacency rows, \(summary.referrals) referrals, \(summary.leads) leads "
                    + "(\(ProgressBar.abbreviate(Double(writer.totalBytes)))B) to \(writer.directoryPath) in "
                    + String(format: "%.2f", seconds) + "s"
            )
        }
    }

    /// The `--json` summary.
    struct Report: Encodable {
        var out: String
        var metro: String
        var seed: UInt64
        var counts: GenerationSummary
        var bytes: Int
        var files: [String: Int]
        var seconds: Double
    }
}
