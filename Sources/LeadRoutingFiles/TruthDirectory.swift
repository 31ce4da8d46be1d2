import Foundation
public import LeadRoutingCore
public import LeadRoutingGenerator

/// A generated dataset's hidden truth read back from its `truth/` directory (`model.json`, `agent_skill.csv`,
/// `agent_brokerage.csv`): what a simulation draws outcomes from. The router never reads it.
public struct LoadedTruth: Sendable {
    public var model: HiddenTruth
    /// Hidden skill per agent id.
    public var skills: [String: Double]
    /// Brokerage per agent id.
    public var brokerages: [String: String]

    /// Reads the truth directory at `path` (a dataset's `truth/`). Throws ``DatasetDirectoryError`` naming the file.
    public static func load(from path: String) throws -> LoadedTruth {
        let model: HiddenTruth
        let modelPath = (path as NSString).appendingPathComponent("model.json")
        do {
            model = try JSONDecoder().decode(HiddenTruth.self, from: try Self.read(modelPath))
        } catch let error as DatasetDirectoryError {
            throw error
        } catch {
            throw DatasetDirectoryError(kind: .readFailed, path: modelPath, message: "\(modelPath): not a hidden-truth model: \(error)")
        }
        let skillPath = (path as NSString).appendingPathComponent("agent_skill.csv")
        var skills: [String: Double] = [:]
        for (line, fields) in try Self.rows(skillPath, header: ["agent_id", "skill"]) {
            guard let skill = Double(fields[1]), skill.isFinite else {
                throw DatasetDirectoryError(kind: .readFailed, path: skillPath, message: "\(skillPath):\(line): skill is not a number")
            }
            skills[fields[0]] = skill
        }
        let brokeragePath = (path as NSString).appendingPathComponent("agent_brokerage.csv")
        var brokerages: [String: String] = [:]
        for (_, fields) in try Self.rows(brokeragePath, header: ["agent_id", "brokerage_id"]) { brokerages[fields[0]] = fields[1] }
        return LoadedTruth(model: model, skills: skills, brokerages: brokerages)
    }

    private static func read(_ path: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetDirectoryError(kind: .notFound, path: path, message: "\(path): not found (a generated dataset's truth directory has it)")
        }
        return data
    }

    /// The data rows (1-based line numbers) of a two-column CSV whose header is `header`.
    private static func rows(_ path: String, header: [String]) throws -> [(Int, [String])] {
        let text = String(decoding: try Self.read(path), as: UTF8.self)
        var result: [(Int, [String])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if index == 0 {
                guard fields == header else {
                    throw DatasetDirectoryError(
                        kind: .readFailed,
                        path: path,
                        message: "\(path):1: header must be \(header.joined(separator: ","))"
                    )
                }
                continue
            }
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw DatasetDirectoryError(kind: .readFailed, path: path, message: "\(path):\(index + 1): expected \(header.count) fields")
            }
            result.append((index + 1, fields))
        }
        return result
    }
}
