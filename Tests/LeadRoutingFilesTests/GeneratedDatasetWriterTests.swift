import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import LeadRoutingGenerator
import Testing

@Suite struct GeneratedDatasetWriterTests {
    @Test func writesEveryFileAndTheTruthModel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gen-writer-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let configuration = GeneratorConfiguration(agents: 120, territories: 15, referrals: 600, leads: 80, seed: 3)
        // A tiny chunk size exercises many partial writes.
        let generator = try DatasetGenerator(configuration: configuration, chunkSize: 100)
        var writer = try GeneratedDatasetWriter(directory: directory)
        _ = try generator.generate(into: &writer)
        try writer.close()

        var memory = InMemoryDatasetSink()
        _ = try DatasetGenerator(configuration: configuration).generate(into: &memory)
        for file in GeneratedFile.allCases {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: writer.path(of: file.relativePath)))
            #expect([UInt8](bytes) == memory.files[file], "\(file)")
            #expect(writer.bytesWritten[file] == bytes.count)
        }
        let model = try Data(contentsOf: URL(fileURLWithPath: writer.path(of: GeneratedFile.truthModelPath)))
        let truth = try JSONDecoder().decode(HiddenTruth.self, from: model)
        #expect(truth == memory.truth)
        #expect(String(decoding: model, as: UTF8.self).contains("\"formula\""))
    }

    @Test func unwritableDirectoryErrorNamesThePath() {
        #expect {
            _ = try GeneratedDatasetWriter(directory: "/proc/leadrouter-no-such-dir/out")
        } throws: { error in
            "\(error)".contains("/proc/leadrouter-no-such-dir/out")
        }
    }
}
