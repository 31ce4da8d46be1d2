import NIOCore

/// The settings of the stream the publisher owns and creates when missing: the subjects it captures, file
/// storage, and the duplicate window within which a re-published `Nats-Msg-Id` is dropped.
public struct JetStreamStreamConfiguration: Sendable, Hashable, Encodable {
    /// Stream name: no whitespace, `.`, `*`, `>`, `/` or `\`. Default `LEADROUTER`.
    public var name: String
    /// Default `["leadrouter.>"]`.
    public var subjects: [String]
    /// How long JetStream remembers message ids. Default 2 minutes (the server's default); keep it longer than the
    /// longest outage a relay retries through, or a re-send after it is stored twice.
    public var duplicateWindow: Duration
    /// `file` (default; survives a server restart, and so does the duplicate table) or `memory`.
    public var storage: String

    public init(
        name: String = "LEADROUTER",
        subjects: [String] = ["leadrouter.>"],
        duplicateWindow: Duration = .seconds(120),
        storage: String = "file"
    ) {
        self.name = name
        self.subjects = subjects
        self.duplicateWindow = duplicateWindow
        self.storage = storage
    }

    enum CodingKeys: String, CodingKey {
        case name, subjects, storage, retention
        case duplicateWindow = "duplicate_window"
        case numReplicas = "num_replicas"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.name, forKey: .name)
        try container.encode(self.subjects, forKey: .subjects)
        try container.encode(self.storage, forKey: .storage)
        try container.encode("limits", forKey: .retention)
        try container.encode(self.duplicateWindow.timeAmount.nanoseconds, forKey: .duplicateWindow)
        try container.encode(1, forKey: .numReplicas)
    }

    /// Checks the name before it is put into an API subject (a `.` would make the request miss the API silently).
    public func validate() throws(NATSError) {
        guard !self.name.isEmpty, self.name.utf8.count <= 255,
            !self.name.contains(where: { $0.isWhitespace || ".*>/\\".contains($0) })
        else {
            throw NATSError(.invalidArgument, "stream name \(self.name.debugDescription) may not contain whitespace, '.', '*', '>', '/' or '\\'")
        }
        guard !self.subjects.isEmpty else { throw NATSError(.invalidArgument, "stream \(self.name) needs at least one subject") }
    }
}
