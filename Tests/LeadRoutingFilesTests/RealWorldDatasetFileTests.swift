import CompressNIO
import Foundation
import LeadRoutingCore
import LeadRoutingTestSupport
import NIOCore
import Testing

@testable import LeadRoutingFiles

/// Dataset files as real exports write them: adjacency in both directions, repeated rows, gzip compression.
@Suite struct RealWorldDatasetFileTests {
    static let agents = "id,name,states\na1,Ann,CA\na2,Bob,CA\na3,Cy,CA\n"
    static let territories =
        "id,name,state,lat,lon\n94103,SoMa,CA,37.7726,-122.4099\n94110,Mission,CA,37.7486,-122.4184\n94107,Potrero,CA,37.7621,-122.3971\n"
    static let coverage = "agent_id,territory_id,weight\na1,94103,1\na2,94110,0.5\na3,94107,\na2,94110,0.5\n"
    /// A nearest-neighbour list: every pair in both directions, one distance rounded differently, one missing.
    static let adjacency = """
        territory_id,neighbor_id,distance_km
        94103,94110,2.74
        94103,94107,1.59
        94110,94103,2.735
        94110,94107,
        94107,94103,1.59
        94107,94110,2.68

        """
    static let referrals = "from_agent_id,to_agent_id,sent,closed\na1,a2,4,1\na2,a3,2,0\na1,a2,4,1\n"

    private static func write(_ files: [String: [UInt8]]) throws -> String {
        let directory = try TemporaryDirectory.make(prefix: "leadrouter-realworld").path
        for (name, bytes) in files {
            #expect(FileManager.default.createFile(atPath: directory + "/" + name, contents: Data(bytes)))
        }
        return directory
    }

    private static var plainFiles: [String: [UInt8]] {
        [
            "agents.csv": Array(Self.agents.utf8), "territories.csv": Array(Self.territories.utf8),
            "coverage.csv": Array(Self.coverage.utf8), "adjacency.csv": Array(Self.adjacency.utf8),
            "referrals.csv": Array(Self.referrals.utf8),
        ]
    }

    /// `bytes` compressed as one gzip member.
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        let compressed = try buffer.compress(with: .gzip())
        return Array(compressed.readableBytesView)
    }

    @Test func aNearestNeighbourAdjacencyListLoadsAndTheMergesAreReported() throws {
        let directory = try Self.write(Self.plainFiles)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loaded = try DatasetDirectory.load(from: directory)
        let adjacency = loaded.dataset.adjacency
        #expect(adjacency.count == 3)
        #expect(adjacency[0] == TerritoryAdjacency(territory: 0, neighbor: 1, distanceKm: 2.74))
        #expect(adjacency[2] == TerritoryAdjacency(territory: 1, neighbor: 2, distanceKm: 2.68))
        #expect(loaded.merges.rows == [.adjacency: 3, .coverage: 1, .referrals: 1])
        #expect(loaded.merges.reversedAdjacency == 3)
        #expect(loaded.merges.summary == "merged 5 repeated rows: coverage.csv 1, adjacency.csv 3 (3 listed in both directions), referrals.csv 1")
        #expect(try GraphProjection(dataset: loaded.dataset, version: loaded.fingerprint).territoryCount == 3)
    }

    @Test func aContradictionInARealFileNamesBothLines() throws {
        var files = Self.plainFiles
        files["adjacency.csv"] = Array(Self.adjacency.replacingOccurrences(of: "94107,94103,1.59", with: "94107,94103,15.9").utf8)
        let directory = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect {
            try DatasetDirectory.load(from: directory)
        } throws: { error in
            "\(error)"
                == "adjacency.csv:6:3 (distance_km): contradicts adjacency.csv:3: distance_km 1.59 there, 15.9 here "
                + "(a pair listed twice must agree within 0.01 km)"
        }
    }

    @Test func gzipCompressedFilesLoadLikeTheirText() throws {
        let plain = try Self.write(Self.plainFiles)
        defer { try? FileManager.default.removeItem(atPath: plain) }
        var compressedFiles: [String: [UInt8]] = [:]
        for (name, bytes) in Self.plainFiles { compressedFiles[name + ".gz"] = try Self.gzip(bytes) }
        let compressed = try Self.write(compressedFiles)
        defer { try? FileManager.default.removeItem(atPath: compressed) }
        let expected = try DatasetDirectory.load(from: plain)
        var reported: [String: (done: Int, total: Int)] = [:]
        let loaded = try DatasetDirectory.load(from: compressed) { file, done, total in reported[file] = (done, total) }
        #expect(loaded.dataset.agents == expected.dataset.agents)
        #expect(loaded.dataset.coverage == expected.dataset.coverage)
        #expect(loaded.dataset.adjacency == expected.dataset.adjacency)
        #expect(loaded.dataset.referrals == expected.dataset.referrals)
        #expect(loaded.fingerprint == expected.fingerprint)
        #expect(loaded.byteCount == expected.byteCount)
        #expect(loaded.merges == expected.merges)
        #expect(Set(reported.keys) == Set(compressedFiles.keys))
        for (name, bytes) in compressedFiles {
            #expect(reported[name]?.done == bytes.count && reported[name]?.total == bytes.count)
        }
    }

    @Test func anErrorInACompressedFileNamesThatFile() throws {
        var files = Self.plainFiles
        files["adjacency.csv"] = nil
        files["adjacency.csv.gz"] = try Self.gzip(Array("territory_id,neighbor_id\n94103,99999\n".utf8))
        let directory = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect {
            try DatasetDirectory.load(from: directory)
        } throws: { error in
            (error as? DatasetError)?.file == "adjacency.csv.gz" && (error as? DatasetError)?.line == 2
        }
    }

    @Test func concatenatedMembersAndTinyChunksReadAsOneStream() throws {
        let text = Array(String(repeating: Self.adjacency, count: 50).utf8)
        let members = try Self.gzip(Array(text[..<1000])) + Self.gzip(Array(text[1000...]))
        let directory = try Self.write(["members.csv.gz": members])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for chunkBytes in [1, 7, 64, 1 << 20] {
            var calls = 0
            let bytes = try DataFileReader.read(directory + "/members.csv.gz", chunkBytes: chunkBytes) { _, _ in calls += 1 }
            #expect(bytes == text, "chunk \(chunkBytes)")
            #expect(calls == (members.count + chunkBytes - 1) / chunkBytes)
        }
    }

    @Test func truncatedCorruptAndEmptyGzipAreRejected() throws {
        let whole = try Self.gzip(Array(Self.adjacency.utf8))
        let cases: [(String, [UInt8], String)] = [
            ("truncated.csv.gz", Array(whole.dropLast(5)), "truncated gzip data"),
            ("plain-text.csv.gz", Array(Self.adjacency.utf8), "not valid gzip data"),
            ("empty.csv.gz", [], "truncated gzip data"),
        ]
        let directory = try Self.write(Dictionary(uniqueKeysWithValues: cases.map { ($0.0, $0.1) }))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for (name, _, reason) in cases {
            #expect(Comment(rawValue: name)) {
                try DataFileReader.read(directory + "/" + name)
            } throws: { error in
                let error = error as? DatasetDirectoryError
                return error?.kind == .readFailed && error?.message.hasPrefix("\(directory)/\(name): \(reason)") == true
            }
        }
    }

    @Test func aFileBothPlainAndCompressedIsAmbiguous() throws {
        var files = Self.plainFiles
        files["agents.csv.gz"] = try Self.gzip(Array(Self.agents.utf8))
        let directory = try Self.write(files)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect {
            try DatasetDirectory.load(from: directory)
        } throws: { error in
            "\(error)".contains("both agents.csv and agents.csv.gz")
        }
    }

    @Test func aCompressedLeadsFileLoads() throws {
        let text = "id,territory_id,kind\nl1,94103,sell\nl2,94110,\n"
        let directory = try Self.write(["leads.csv.gz": try Self.gzip(Array(text.utf8))])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let leads = try LeadsFile.load(from: directory + "/leads.csv.gz")
        #expect(leads.map(\.id) == ["l1", "l2"] && leads[0].kind == .sell)
    }
}
