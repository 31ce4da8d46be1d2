import Foundation
import LeadRoutingCore
import NIOCore

/// Typed views of the JSON bodies the tests read. Decoding is strict: a missing or mistyped field throws, so a test
/// that reads it fails instead of comparing against nil. Fields the API always writes, even as null, must be present.
enum ResponseBody {
    /// Decodes `buffer` as `type`.
    static func decode<T: Decodable>(_ type: T.Type, _ buffer: ByteBuffer) throws -> T {
        try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
    }
}

/// A lead as GET /leads/{id} and the lifecycle routes return it.
struct LeadRecordBody: Decodable {
    struct Event: Decodable {
        var action: String
        var at: String
    }

    var leadId: String
    var status: String
    var agentId: String?
    var assignmentState: String?
    var decision: RoutingDecision
    var history: [Event]

    enum CodingKeys: String, CodingKey { case leadId, status, agentId, assignmentState, decision, history }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.leadId = try c.decode(String.self, forKey: .leadId)
        self.status = try c.decode(String.self, forKey: .status)
        self.agentId = try c.decodePresent(String.self, forKey: .agentId)
        self.assignmentState = try c.decodePresent(String.self, forKey: .assignmentState)
        self.decision = try c.decode(RoutingDecision.self, forKey: .decision)
        self.history = try c.decode([Event].self, forKey: .history)
    }
}

/// One agent as GET /agents, GET /agents/{id} and PUT /agents/{id}/availability return it.
struct AgentBody: Decodable {
    struct Stats: Decodable {
        var assigned: Int
        var closed: Int
    }

    var id: String
    var active: Bool
    var available: Bool
    var capacity: Int
    var openLeads: Int
    var stats: Stats
}

/// A page of GET /agents.
struct AgentPageBody: Decodable {
    var agents: [AgentBody]
    var nextCursor: String?
    var graphVersion: String

    enum CodingKeys: String, CodingKey { case agents, nextCursor, graphVersion }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.agents = try c.decode([AgentBody].self, forKey: .agents)
        self.nextCursor = try c.decodePresent(String.self, forKey: .nextCursor)
        self.graphVersion = try c.decode(String.self, forKey: .graphVersion)
    }
}

extension KeyedDecodingContainer {
    /// A value that may be null but must be present: the API writes absent values as explicit nulls.
    func decodePresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard self.contains(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: self.codingPath, debugDescription: "\(key.stringValue) is missing"))
        }
        return try self.decodeIfPresent(type, forKey: key)
    }
}
