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
    /// Reads every ``DatasetFile`` present in the directory at `path`, decodes and fingerprints them.
    ///
    /// - Throws: ``DatasetDirectoryError`` when `path` does not exist, is not a directory or a file cannot be
    ///   read; `DatasetError` unchanged when the content is invalid (including a missing required file).
    public static func load(from path: String) throws -> LoadedDataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DatasetDirectoryError(kind: .notFound, path: path, message: "dataset directory not found: \(path)")
        }
        guard isDirectory.boolValue else {
            throw DatasetDirectoryError(kind: .notADirectory, path: path, message: "not a directory: \(path)")
        }
        var files: [DatasetFile: [UInt8]] = [:]
        var byteCount = 0
        for file in DatasetFile.allCases {
            let filePath = Self.path(of: file, in: path)
            guard FileManager.default.fileExists(atPath: filePath) else { continue }
            guard let data = FileManager.default.contents(atPath: filePath) else {
                throw DatasetDirectoryError(kind: .readFailed, path: filePath, message: "cannot read \(filePath)")
            }
            let bytes = [UInt8](data)
            byteCount += bytes.count
            files[file] = bytes
        }
        let dataset = try DatasetDecoder().decode(files)
        return LoadedDataset(dataset: dataset, fingerprint: DatasetFingerprint.compute(files), byteCount: byteCount, path: path)
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
