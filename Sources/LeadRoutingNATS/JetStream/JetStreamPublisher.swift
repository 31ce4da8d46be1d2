import Foundation
public import NIOCore
public import NIOPosix
public import NIOSSL

/// Publishes messages into one JetStream stream, at most one in flight, each acknowledged by the server (PubAck)
/// before ``publish(subject:messageID:payload:)`` returns.
///
/// It connects on first use, creates its stream when missing ("ensure stream", again after a 503), and drops a
/// connection that failed so the next call reconnects (to the next server in the list). It does not sleep or
/// retry by itself: a caller that gets a retryable ``NATSError`` backs off and publishes the same message again
/// with the same id, which JetStream acknowledges as a duplicate if the first copy was stored.
public actor JetStreamPublisher {
    public struct Configuration: Sendable {
        /// Servers tried in order, one per reconnect. At least one.
        public var servers: [NATSServerAddress]
        public var stream: JetStreamStreamConfiguration
        /// The client name the server shows in its monitoring. Default `leadrouter`.
        public var clientName: String
        /// How long a PubAck or API reply may take before the outcome counts as unknown. Default 5 s.
        public var requestTimeout: Duration
        /// TLS settings for `tls://` servers or servers that require TLS; the system trust roots when nil.
        public var tlsConfiguration: TLSConfiguration?

        public init(
            servers: [NATSServerAddress],
            stream: JetStreamStreamConfiguration = JetStreamStreamConfiguration(),
            clientName: String = "leadrouter",
            requestTimeout: Duration = .seconds(5),
            tlsConfiguration: TLSConfiguration? = nil
        ) {
            self.servers = servers
            self.stream = stream
            self.clientName = clientName
            self.requestTimeout = requestTimeout
            self.tlsConfiguration = tlsConfiguration
        }
    }

    public let configuration: Configuration
    private let eventLoopGroup: any EventLoopGroup
    private var connection: NATSConnection?
    private var streamReady = false
    private var nextServer = 0
    /// Connections opened so far (1 after the first connect; more after reconnects).
    public private(set) var connectionsOpened = 0

    public init(configuration: Configuration, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws(NATSError) {
        guard !configuration.servers.isEmpty else { throw NATSError(.invalidArgument, "no NATS server given") }
        try configuration.stream.validate()
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Publishes `payload` on `subject` with header `Nats-Msg-Id: messageID` (and `Nats-Expected-Stream`), and
    /// returns the PubAck (``JetStreamPubAck/duplicate`` when an earlier copy was stored).
    public func publish(subject: String, messageID: String, payload: [UInt8]) async throws(NATSError) -> JetStreamPubAck {
        let connection = try await self.readyConnection()
        let headers = [NATSHeader.messageID(messageID), .expectedStream(self.configuration.stream.name)]
        let reply = try await self.request(on: connection, subject: subject, headers: headers, payload: payload)
        return try self.pubAck(reply, subject: subject)
    }

    /// The PubAck in `reply`, or the error it reports.
    private func pubAck(_ reply: NATSMessage, subject: String) throws(NATSError) -> JetStreamPubAck {
        if reply.status == 503 {
            self.streamReady = false
            throw NATSError(.noResponders, "no JetStream stream captures \(subject)")
        }
        let ack = try Self.decode(JetStreamPubAckReply.self, from: reply, what: "PubAck")
        if let error = ack.error { throw error.natsError }
        guard let stream = ack.stream, !stream.isEmpty else {
            throw NATSError(.protocolViolation, "PubAck without a stream")
        }
        return JetStreamPubAck(stream: stream, sequence: ack.seq ?? 0, duplicate: ack.duplicate ?? false)
    }

    /// Publishes `messages` pipelined, in order on one connection, and returns the PubAcks of the leading messages
    /// JetStream stored, with the error that stopped the rest (nil when all were stored). Every message of the batch is
    /// written before the first PubAck is awaited: one round trip for the batch. A later message may have been stored
    /// although an earlier one failed (a rare per-message refusal on a live connection); publishing them again is
    /// safe, as `Nats-Msg-Id` drops the copies.
    public func publish(_ messages: [JetStreamMessage]) async -> (acks: [JetStreamPubAck], error: NATSError?) {
        guard !messages.isEmpty else { return ([], nil) }
        let connection: NATSConnection
        do {
            connection = try await self.readyConnection()
        } catch {
            return ([], error)
        }
        let stream = self.configuration.stream.name
        let replies = await connection.requests(
            messages.map { .init(subject: $0.subject, headers: [.messageID($0.messageID), .expectedStream(stream)], payload: $0.payload) },
            timeout: self.configuration.requestTimeout
        )
        var acks: [JetStreamPubAck] = []
        acks.reserveCapacity(messages.count)
        for (message, reply) in zip(messages, replies) {
            do {
                acks.append(try self.pubAck(try reply.get(), subject: message.subject))
            } catch {
                if error.kind == .connectionFailed || error.kind == .timedOut {
                    // As for one publish: the outcome is unknown and replies owed on this connection may be lost.
                    if self.connection === connection { self.connection = nil }
                    self.streamReady = false
                    await connection.close()
                }
                return (acks, error)
            }
        }
        return (acks, nil)
    }

    /// Connects (if needed) and makes sure the stream exists with this publisher's subjects; for start-up checks.
    public func ensureReady() async throws(NATSError) {
        _ = try await self.readyConnection()
    }

    /// Closes the connection; the next publish reconnects.
    public func close() async {
        let connection = self.connection
        self.connection = nil
        self.streamReady = false
        await connection?.close()
    }

    // MARK: Private

    private func readyConnection() async throws(NATSError) -> NATSConnection {
        let connection: NATSConnection
        if let current = self.connection, current.isActive {
            connection = current
        } else {
            self.connection = nil
            self.streamReady = false
            let address = self.configuration.servers[self.nextServer % self.configuration.servers.count]
            self.nextServer += 1
            let opened = try await NATSConnection.connect(
                to: address,
                name: self.configuration.clientName,
                tlsConfiguration: self.configuration.tlsConfiguration,
                timeout: self.configuration.requestTimeout,
                eventLoopGroup: self.eventLoopGroup
            )
            if let raced = self.connection, raced.isActive {
                await opened.close()
                connection = raced
            } else {
                self.connection = opened
                self.connectionsOpened += 1
                connection = opened
            }
        }
        if !self.streamReady {
            try await self.ensureStream(on: connection)
            self.streamReady = true
        }
        return connection
    }

    /// STREAM.INFO; CREATE when not found (10059), INFO again when another process created it first (10058); a
    /// stream that exists must capture this publisher's subjects.
    private func ensureStream(on connection: NATSConnection) async throws(NATSError) {
        let stream = self.configuration.stream
        let info = try await self.api("STREAM.INFO.\(stream.name)", body: [], on: connection)
        if let error = info.error {
            guard error.errCode == 10059 else { throw error.natsError }
            let body: [UInt8]
            do {
                body = Array(try JSONEncoder().encode(stream))
            } catch {
                throw NATSError(.invalidArgument, "stream configuration cannot be encoded: \(error)")
            }
            let created = try await self.api("STREAM.CREATE.\(stream.name)", body: body, on: connection)
            if let error = created.error {
                guard error.errCode == 10058 else { throw error.natsError }
                return try await self.ensureStream(on: connection)
            }
            return
        }
        let existing = Set(info.config?.subjects ?? [])
        guard Set(stream.subjects).isSubset(of: existing) else {
            throw NATSError(
                .streamMismatch,
                "stream \(stream.name) exists with subjects \(existing.sorted()) and does not capture \(stream.subjects)"
            )
        }
    }

    private func api(_ path: String, body: [UInt8], on connection: NATSConnection) async throws(NATSError) -> JetStreamStreamReply {
        let reply = try await self.request(on: connection, subject: "$JS.API.\(path)", headers: [], payload: body)
        if reply.status == 503 {
            throw NATSError(.noResponders, "JetStream is not enabled on the server (no reply to $JS.API.\(path))")
        }
        return try Self.decode(JetStreamStreamReply.self, from: reply, what: path)
    }

    private func request(
        on connection: NATSConnection,
        subject: String,
        headers: [NATSHeader],
        payload: [UInt8]
    ) async throws(NATSError) -> NATSMessage {
        do {
            return try await connection.request(subject: subject, headers: headers, payload: payload, timeout: self.configuration.requestTimeout)
        } catch {
            if error.kind == .connectionFailed || error.kind == .timedOut {
                // The outcome is unknown and replies owed on this connection may be lost: start afresh.
                if self.connection === connection { self.connection = nil }
                self.streamReady = false
                await connection.close()
            }
            throw error
        }
    }

    private static func decode<T: Decodable>(_ type: T.Type, from message: NATSMessage, what: String) throws(NATSError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(message.payload))
        } catch {
            throw NATSError(
                .protocolViolation,
                "\(what) reply is not the expected JSON: \(String(decoding: message.payload.prefix(200), as: UTF8.self))"
            )
        }
    }
}

/// A PubAck as sent: either the stored position or an error.
struct JetStreamPubAckReply: Decodable {
    var stream: String?
    var seq: UInt64?
    var duplicate: Bool?
    var error: JetStreamAPIError?
}

/// The parts of a STREAM.INFO / STREAM.CREATE reply the publisher reads.
struct JetStreamStreamReply: Decodable {
    struct Config: Decodable {
        var subjects: [String]?
    }
    var config: Config?
    var error: JetStreamAPIError?
}
