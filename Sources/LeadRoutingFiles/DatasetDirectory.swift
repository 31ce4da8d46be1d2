import Foundation
public import LeadRoutingCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads and writes dataset directories: the file-system edge around the pure
/// ``DatasetDecoder`` / ``DatasetEncoder`` of `LeadRoutingCore`.
public enum DatasetDirectory {
    /// Reads every ``DatasetFile`` present in the directory at `path` (each as `name.csv` or gzip-compressed as
    /// `name.csv.gz`), decodes and fingerprints them. A compressed file is decompressed as it is read, and has the
    /// same fingerprint (graph version) as its plain text.
    ///
    /// - Parameter progress: called as each file is read, with the file's name, the bytes read of it on disk so
    ///   far and its size on disk.
    /// - Throws: ``DatasetDirectoryError`` when `path` does not exist, is not a directory, a file cannot be read or
    ///   decompressed, or a file is present both plain and compressed; `DatasetError` unchanged when the content
    ///   is invalid (including a missing required file).
    public static func load(
        from path: String,
        progress: ((_ file: String, _ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> LoadedDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetDirectoryError(kind: .notFound, path: path, message: "dataset directory not found: \(path)")
        }
        guard isDirectory.boolValue else {
            throw DatasetDirectoryError(kind: .notADirectory, path: path, message: "not a directory: \(path)")
        }
        var files: [DatasetFile: [UInt8]] = [:]
        var fileNames: [DatasetFile: String] = [:]
        var byteCount = 0
        for file in DatasetFile.allCases {
            guard let filePath = try Self.existingPath(of: file, in: path) else { continue }
            let name = URL(fileURLWithPath: filePath).lastPathComponent
            let bytes = try DataFileReader.read(filePath) { done, total in progress?(name, done, total) }
            byteCount += bytes.count
            files[file] = bytes
            fileNames[file] = name
        }
        var merges = DatasetMerges()
        let dataset = try DatasetDecoder().decode(files, fileNames: fileNames, merges: &merges)
        return LoadedDataset(
            dataset: dataset,
            fingerprint: DatasetFingerprint.compute(files),
            byteCount: byteCount,
            path: path,
            merges: merges
        )
    }

    /// The file of `file` in `directory`: `name.csv` or `name.csv.gz`, nil when neither exists.
    /// - Throws: ``DatasetDirectoryError`` when both exist (which one is meant is unclear).
    static func existingPath(of file: DatasetFile, in directory: String) throws(DatasetDirectoryError) -> String? {
        let plain = Self.path(of: file, in: directory)
        let compressed = plain + ".gz"
        let hasPlain = FileManager.default.fileExists(atPath: plain)
        let hasCompressed = FileManager.default.fileExists(atPath: compressed)
        if hasPlain && hasCompressed {
            throw DatasetDirectoryError(
                kind: .readFailed,
                path: compressed,
                message: "both \(file.fileName) and \(file.fileName).gz are in \(directory); keep one"
            )
        }
        return hasPlain ? plain : hasCompressed ? compressed : nil
    }

    /// Writes every ``DatasetFile`` of `dataset` into the directory at `path`, creating it (and its parents)
    /// if needed. Each file is written under a temporary name and renamed into place, so a reader never sees
    /// a half-written file.
    public static func write(_ dataset: Dataset, to path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DatasetDirectoryError(kind: .writeFailed, path: path, message: "cannot create dataset directory \(path): \(error)")
        }
        let files = DatasetEncoder().encode(dataset)
        for file in DatasetFile.allCases {
            guard let bytes = files[file] else { continue }
            let finalPath = Self.path(of: file, in: path)
            let temporaryPath = finalPath + ".tmp-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: temporaryPath, contents: Data(bytes)) else {
                throw DatasetDirectoryError(kind: .writeFailed, path: temporaryPath, message: "cannot write \(temporaryPath)")
            }
            guard rename(temporaryPath, finalPath) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporaryPath)
                throw DatasetDirectoryError(kind: .writeFailed, path: finalPath, message: "cannot move \(temporaryPath) to \(finalPath): \(reason)")
            }
        }
    }

    private static func path(of file: DatasetFile, in directory: String) -> String {
        directory.hasSuffix("/") ? directory + file.fileName : directory + "/" + file.fileName
    }
}
