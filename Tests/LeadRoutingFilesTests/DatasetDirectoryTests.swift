import Foundation
import LeadRoutingCore
import LeadRoutingFiles
import Testing

@Suite struct DatasetDirectoryTests {
    private static func temporaryDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("leadrouter-tests-\(UUID().uuidString)").path
    }

    private static let sample = Dataset(
        agents: [
            Agent(id: "a1", name: "Ann, Jr.", states: ["CA"], priceMin: 1000.5, capacity: 3, latitude: 37.77, longitude: -122.42),
            Agent(id: "a2", active: false, languages: ["es"]),
        ],
        territories: [Territory(id: "94103", name: "SoMa", state: "CA", latitude: 37.7726, longitude: -122.4099), Territory(id: "94110")],
        coverage: [Coverage(agent: 0, territory: 0), Coverage(agent: 1, territory: 1, weight: 0.25)],
        adjacency: [TerritoryAdjacency(territory: 0, neighbor: 1, distanceKm: 2.1)],
        referrals: [Referral(from: 0, to: 1, sent: 4, closed: 1)],
        leads: [Lead(id: "l1", territoryId: "94110", kind: .sell, price: 900_000, sourceAgentId: "a1", createdAt: "2024-06-01")]
    )

    @Test func writeThenLoadReturnsEqualDataset() throws {
        let root = Self.temporaryDirectory()
        let path = root + "/nested/dataset"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try DatasetDirectory.write(Self.sample, to: path)
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        #expect(names == DatasetFile.allCases.map(\.fileName).sorted())

        let loaded = try DatasetDirectory.load(from: path)
        #expect(loaded.path == path)
        #expect(loaded.dataset.agents == Self.sample.agents)
        #expect(loaded.dataset.territories == Self.sample.territories)
        #expect(loaded.dataset.coverage == Self.sample.coverage)
        #expect(loaded.dataset.adjacency == Self.sample.adjacency)
        #expect(loaded.dataset.referrals == Self.sample.referrals)
        #expect(loaded.dataset.leads == Self.sample.leads)
        let encoded = DatasetEncoder().encode(Self.sample)
        #expect(loaded.byteCount == encoded.values.reduce(0) { $0 + $1.count })
        #expect(loaded.fingerprint == DatasetFingerprint.compute(encoded))

        // Writing again over an existing directory replaces the files and leaves no temporary files behind.
        try DatasetDirectory.write(Self.sample, to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).sorted() == names)
    }

    @Test func missingDirectoryIsAClearError() {
        let path = Self.temporaryDirectory()
        do {
            _ = try DatasetDirectory.load(from: path)
            Issue.record("loaded a missing directory")
        } catch let error as DatasetDirectoryError {
            #expect(error.kind == .notFound)
            #expect(error.path == path)
            #expect(error.description.contains(path))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func aFileIsNotADirectory() throws {
        let path = Self.temporaryDirectory()
        #expect(FileManager.default.createFile(atPath: path, contents: Data("x".utf8)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try DatasetDirectory.load(from: path)
            Issue.record("loaded a plain file")
        } catch let error as DatasetDirectoryError {
            #expect(error.kind == .notADirectory)
            #expect(error.description.contains(path))
        }
    }

    @Test func missingRequiredFileRethrowsDatasetError() throws {
        let path = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatasetDirectory.write(Self.sample, to: path)
        try FileManager.default.removeItem(atPath: path + "/coverage.csv")
        do {
            _ = try DatasetDirectory.load(from: path)
            Issue.record("loaded without coverage.csv")
        } catch let error as DatasetError {
            #expect(error.kind == .missingFile)
            #expect(error.file == "coverage.csv")
        }
    }

    @Test func absentOptionalFilesLoadAsEmpty() throws {
        let path = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatasetDirectory.write(Self.sample, to: path)
        for file in DatasetFile.allCases where !file.isRequired {
            try FileManager.default.removeItem(atPath: path + "/" + file.fileName)
        }
        let loaded = try DatasetDirectory.load(from: path)
        #expect(loaded.dataset.agents == Self.sample.agents)
        #expect(loaded.dataset.referrals.isEmpty && loaded.dataset.adjacency.isEmpty && loaded.dataset.leads.isEmpty)
    }

    @Test func fingerprintChangesWhenAByteChanges() throws {
        let path = Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try DatasetDirectory.write(Self.sample, to: path)
        let before = try DatasetDirectory.load(from: path)
        #expect(before.fingerprint.hasPrefix("ds-") && before.fingerprint.count == 19)
        #expect(before.fingerprint.dropFirst(3).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(try DatasetDirectory.load(from: path).fingerprint == before.fingerprint)

        // Same length, one byte different: the capacity of a1 goes from 3 to 4.
        let agentsPath = path + "/agents.csv"
        let text = try String(contentsOfFile: agentsPath, encoding: .utf8)
        let changed = text.replacingOccurrences(of: ",3,0,0,0,", with: ",4,0,0,0,")
        #expect(changed != text && changed.utf8.count == text.utf8.count)
        try changed.write(toFile: agentsPath, atomically: true, encoding: .utf8)
        let after = try DatasetDirectory.load(from: path)
        #expect(after.dataset.agents[0].capacity == 4)
        #expect(after.fingerprint != before.fingerprint)
    }

    @Test func fingerprintDependsOnWhichFileHoldsTheBytes() {
        let files: [DatasetFile: [UInt8]] = [.agents: Array("id\na1\n".utf8)]
        let moved: [DatasetFile: [UInt8]] = [.territories: Array("id\na1\n".utf8)]
        #expect(DatasetFingerprint.compute(files) != DatasetFingerprint.compute(moved))
        #expect(DatasetFingerprint.compute([:]) == "ds-cbf29ce484222325")
    }
}
