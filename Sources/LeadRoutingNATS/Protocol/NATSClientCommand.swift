import Foundation
public import NIOCore

/// One protocol operation the client sends, encoded exactly as the server expects it.
public enum NATSClientCommand: Sendable, Hashable {
    case connect(NATSConnectOptions)
    case ping
    case pong
    case subscribe(subject: String, sid: String)
    /// `PUB`, or `HPUB` when there are headers.
    case publish(subject: String, replyTo: String?, headers: [NATSHeader], payload: [UInt8])

    /// Appends the command's bytes to `buffer`. Throws for a subject, header or reply subject that would break
    /// the framing (whitespace, CR/LF, a colon in a header name), before anything is written.
    public func write(to buffer: inout ByteBuffer) throws(NATSError) {
        switch self {
        case .connect(let options):
            let json: Data
            do {
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                json = try encoder.encode(options)
            } catch {
                throw NATSError(.invalidArgument, "CONNECT options cannot be encoded: \(error)")
            }
            buffer.writeString("CONNECT ")
            buffer.writeBytes(json)
            buffer.writeString("\r\n")
        case .ping:
            buffer.writeString("PING\r\n")
        case .pong:
            buffer.writeString("PONG\r\n")
        case .subscribe(let subject, let sid):
            try Self.checkToken(subject, what: "subject")
            try Self.checkToken(sid, what: "sid")
            buffer.writeString("SUB \(subject) \(sid)\r\n")
        case .publish(let subject, let replyTo, let headers, let payload):
            try Self.checkToken(subject, what: "subject")
            if let replyTo { try Self.checkToken(replyTo, what: "reply subject") }
            let reply = replyTo.map { " \($0)" } ?? ""
            if headers.isEmpty {
                buffer.writeString("PUB \(subject)\(reply) \(payload.count)\r\n")
            } else {
                let block = try Self.headerBlock(headers)
                buffer.writeString("HPUB \(subject)\(reply) \(block.count) \(block.count + payload.count)\r\n")
                buffer.writeBytes(block)
            }
            buffer.writeBytes(payload)
            buffer.writeString("\r\n")
        }
    }

    /// The bytes of the command (for tests and size checks).
    public func encoded() throws(NATSError) -> [UInt8] {
        var buffer = ByteBuffer()
        try self.write(to: &buffer)
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// The size the server checks against `max_payload`: the payload plus the header block.
    public var declaredSize: Int {
        guard case .publish(_, _, let headers, let payload) = self else { return 0 }
        let headerBytes = headers.isEmpty ? 0 : ((try? Self.headerBlock(headers).count) ?? 0)
        return payload.count + headerBytes
    }

    static func headerBlock(_ headers: [NATSHeader]) throws(NATSError) -> [UInt8] {
        var text = "NATS/1.0\r\n"
        for header in headers {
            guard !header.name.isEmpty,
                header.name.unicodeScalars.allSatisfy({ $0.value > 32 && $0.value < 127 && $0 != ":" })
            else {
                throw NATSError(.invalidArgument, "header name \(header.name.debugDescription) is not printable ASCII without ':'")
            }
            guard !header.value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
                throw NATSError(.invalidArgument, "header \(header.name) has a line break in its value")
            }
            text += "\(header.name): \(header.value)\r\n"
        }
        text += "\r\n"
        return Array(text.utf8)
    }

    static func checkToken(_ token: String, what: String) throws(NATSError) {
        guard !token.isEmpty, !token.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 }) else {
            throw NATSError(.invalidArgument, "\(what) \(token.debugDescription) is empty or contains whitespace")
        }
    }
}

/// The `CONNECT` document. `verbose` and `pedantic` are always sent (the server defaults them to true);
/// `headers` and `no_responders` are on so that `HPUB` works and a publish nobody captures fails at once.
public struct NATSConnectOptions: Sendable, Hashable, Encodable {
    public var verbose = false
    public var pedantic = false
    public var tlsRequired = false
    public var name: String
    public var lang = "swift"
    public var version = "1.0.0"
    public var `protocol` = 1
    public var echo = false
    public var headers = true
    public var noResponders = true
    public var user: String?
    public var pass: String?
    public var authToken: String?

    enum CodingKeys: String, CodingKey {
        case verbose, pedantic
        case tlsRequired = "tls_required"
        case name, lang, version, `protocol`, echo, headers
        case noResponders = "no_responders"
        case user, pass
        case authToken = "auth_token"
    }

    public init(name: String, user: String? = nil, pass: String? = nil, authToken: String? = nil, tlsRequired: Bool = false) {
        self.name = name
        self.user = user
        self.pass = pass
        self.authToken = authToken
        self.tlsRequired = tlsRequired
    }
}
