import Foundation
public import LeadRoutingCore

/// ``GraphStore`` over a dataset directory: the snapshot is the directory's files, its version their fingerprint,
/// its watermark the newest file modification time (epoch millis).
public struct DatasetDirectoryGraphStore: GraphStore {
    public let path: String

    public init(path: String) { self.path = path }

    public func loadSnapshot() async throws -> GraphSnapshot {
        let watermark = self.newestModification()
        let loaded = try DatasetDirectory.load(from: self.path)
        return GraphSnapshot(dataset: loaded.dataset, version: loaded.fingerprint, watermark: watermark)
    }

    public func changes(since watermark: Int64) async throws -> GraphChanges {
        let newest = self.newestModification()
        return GraphChanges(changed: newest > watermark ? 1 : 0, watermark: max(newest, watermark))
    }

    private func newestModification() -> Int64 {
        var newest: Int64 = 0
        for file in DatasetFile.allCases {
            guard let path = try? DatasetDirectory.existingPath(of: file, in: self.path) else { continue }
            if let date = try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date {
                newest = max(newest, Int64((date.timeIntervalSince1970 * 1000).rounded()))
            }
        }
        return newest
    }
}
