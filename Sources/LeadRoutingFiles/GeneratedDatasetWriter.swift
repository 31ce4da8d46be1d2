import Foundation
import LeadRoutingCore
public import LeadRoutingGenerator

/// Writes a generated dataset to a directory: the six dataset CSV files and, under `truth/`, the hidden truth
/// (`agent_skill.csv`, `agent_brokerage.csv`, `brokerages.csv`, `model.json`).
///
/// A ``GeneratedDatasetSink``: the generator hands it chunks of about 1 MiB per file, which go straight to
/// disk, so memory stays bounded however large the dataset is. Existing files of the same names are
/// replaced; other files in the directory are left alone. Every error names the path involved.
public struct GeneratedDatasetWriter: GeneratedDatasetSink {
    /// A file-system failure, with the path it concerns.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var reason: String
        public var description: String { "\(self.path): \(self.reason)" }
    }

    /// The dataset directory.
    public var directoryPath: String { self.directory.path }
    private let directory: URL
    private var handles: [GeneratedFile: FileHandle] = [:]
    /// Bytes written to each file so far.
    public private(set) var bytesWritten: [GeneratedFile: Int] = [:]
    /// Bytes of `truth/model.json`, once written.
    public private(set) var modelBytes = 0

    /// Creates `directory` (and `truth/`) if needed and opens every output file, truncating old contents.
    public init(directory path: String) throws {
        self.directory = URL(fileURLWithPath: path, isDirectory: true)
        let truth = self.directory.appendingPathComponent(GeneratedFile.truthDirectory, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: truth, withIntermediateDirectories: true)
        } catch {
            throw Failure(path: truth.path, reason: "cannot create directory (\(Self.describe(error)))")
        }
        for file in GeneratedFile.allCases {
            let url = self.url(of: file.relativePath)
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw Failure(path: url.path, reason: "cannot create file")
            }
            do {
                self.handles[file] = try FileHandle(forWritingTo: url)
            } catch {
                throw Failure(path: url.path, reason: "cannot open for writing (\(Self.describe(error)))")
            }
            self.bytesWritten[file] = 0
        }
    }

    /// Full path of a file given relative to the dataset directory.
    public func path(of relativePath: String) -> String {
        self.url(of: relativePath).path
    }

    private func url(of relativePath: String) -> URL {
        self.directory.appendingPathComponent(relativePath)
    }

    /// Total bytes written, truth files included.
    public var totalBytes: Int { self.bytesWritten.values.reduce(self.modelBytes, +) }

    public mutating func write(_ bytes: [UInt8], to file: GeneratedFile) throws {
        guard let handle = self.handles[file] else {
            throw Failure(path: self.url(of: file.relativePath).path, reason: "file is already closed")
        }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw Failure(path: self.url(of: file.relativePath).path, reason: "write failed (\(Self.describe(error)))")
        }
        self.bytesWritten[file, default: 0] += bytes.count
    }

    public mutating func writeTruthModel(_ truth: HiddenTruth) throws {
        let url = self.url(of: GeneratedFile.truthModelPath)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(truth)
            data.append(UInt8(ascii: "\n"))
            try data.write(to: url)
            self.modelBytes = data.count
        } catch {
            throw Failure(path: url.path, reason: "cannot write model (\(Self.describe(error)))")
        }
    }

    /// Flushes and closes every file. Call once after generation; writing afterwards fails.
    public mutating func close() throws {
        var first: Failure?
        for (file, handle) in self.handles.sorted(by: { $0.key.relativePath < $1.key.relativePath }) {
            do {
                try handle.close()
            } catch {
                first = first ?? Failure(path: self.url(of: file.relativePath).path, reason: "close failed (\(Self.describe(error)))")
            }
        }
        self.handles.removeAll()
        if let first { throw first }
    }

    private static func describe(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
