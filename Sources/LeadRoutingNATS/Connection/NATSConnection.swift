public import NIOCore
public import NIOPosix
public import NIOSSL

/// One client connection to a NATS server: connect and handshake, request–reply through an inbox, PING/PONG.
/// It does not reconnect by itself: a closed connection fails every request in flight with
/// ``NATSError/Kind/connectionFailed`` and its owner (``JetStreamPublisher``) opens a new one.
public final class NATSConnection: Sendable {
    /// TLS settings: the client context and the name the certificate must carry.
    public struct TLS: Sendable {
        public var context: NIOSSLContext
        public var serverHostname: String?
        /// Start TLS even when the server's INFO does not require it (`tls://` URLs).
        public var required: Bool

        public init(context: NIOSSLContext, serverHostname: String?, required: Bool) {
            self.context = context
            self.serverHostname = serverHostname
            self.required = required
        }
    }

    private let channel: any Channel
    private let handler: NIOLoopBoundBox<NATSConnectionHandler?>
    /// The server's INFO at connect time.
    public let serverInfo: NATSServerInfo

    private init(channel: any Channel, handler: NIOLoopBoundBox<NATSConnectionHandler?>, serverInfo: NATSServerInfo) {
        self.channel = channel
        self.handler = handler
        self.serverInfo = serverInfo
    }

    /// Opens a TCP connection, reads INFO, upgrades to TLS when asked or required, sends CONNECT and waits for the
    /// PONG that confirms it. Fails with ``NATSError/Kind/handshakeRefused`` when the server refuses
    /// (e.g. an authorization violation) and ``NATSError/Kind/connectionFailed`` when it cannot be reached.
    public static func connect(
        to address: NATSServerAddress,
        name: String,
        tlsConfiguration: TLSConfiguration? = nil,
        timeout: Duration = .seconds(5),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(NATSError) -> NATSConnection {
        let tls: TLS?
        if address.useTLS || tlsConfiguration != nil {
            do {
                let context = try NIOSSLContext(configuration: tlsConfiguration ?? .makeClientConfiguration())
                tls = TLS(context: context, serverHostname: address.host.first?.isLetter == true ? address.host : nil, required: address.useTLS)
            } catch {
                throw NATSError(.invalidArgument, "TLS configuration: \(error)")
            }
        } else {
            tls = nil
        }
        let options = NATSConnectOptions(name: name, user: address.user, pass: address.password, authToken: address.token)
        let eventLoop = eventLoopGroup.next()
        let handshake = eventLoop.makePromise(of: NATSServerInfo.self)
        let box = NIOLoopBoundBox<NATSConnectionHandler?>.makeEmptyBox(valueType: NATSConnectionHandler.self, eventLoop: eventLoop)
        let inboxPrefix = "_INBOX.\(Self.randomToken(length: 22))."
        let timeAmount = timeout.timeAmount
        let bootstrap = ClientBootstrap(group: eventLoop)
            .connectTimeout(timeAmount)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = NATSConnectionHandler(options: options, tls: tls, inboxPrefix: inboxPrefix, handshake: handshake)
                    box.value = handler
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(NATSFrameDecoder(parser: NATSFrameParser())))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: address.host, port: address.port).get()
        } catch {
            handshake.fail(NATSError(.connectionFailed, "cannot connect to \(address): \(error)"))
            throw NATSError(.connectionFailed, "cannot connect to \(address): \(error)")
        }
        let timer = eventLoop.scheduleTask(in: timeAmount) {
            handshake.fail(NATSError(.timedOut, "no handshake with \(address) within \(timeout)"))
        }
        do {
            let info = try await handshake.futureResult.get()
            timer.cancel()
            return NATSConnection(channel: channel, handler: box, serverInfo: info)
        } catch {
            timer.cancel()
            try? await channel.close()
            throw error as? NATSError ?? NATSError(.connectionFailed, "\(error)")
        }
    }

    /// Whether the TCP connection is still open.
    public var isActive: Bool { self.channel.isActive }

    /// Publishes `payload` (with `headers`, via HPUB) and waits for the one reply sent to its private reply
    /// subject. A no-responders status comes back as a message with ``NATSMessage/status`` 503.
    public func request(
        subject: String,
        headers: [NATSHeader] = [],
        payload: [UInt8],
        timeout: Duration = .seconds(5)
    ) async throws(NATSError) -> NATSMessage {
        let promise = self.channel.eventLoop.makePromise(of: NATSMessage.self)
        let handler = self.handler
        let amount = timeout.timeAmount
        self.channel.eventLoop.execute {
            guard let value = handler.value else {
                promise.fail(NATSError(.connectionFailed, "not connected"))
                return
            }
            value.request(subject: subject, headers: headers, payload: payload, timeout: amount, promise: promise)
        }
        do {
            return try await promise.futureResult.get()
        } catch {
            throw error as? NATSError ?? NATSError(.connectionFailed, "\(error)")
        }
    }

    /// One request of a pipelined batch (``requests(_:timeout:)``).
    public struct Request: Sendable {
        public var subject: String
        public var headers: [NATSHeader]
        public var payload: [UInt8]

        public init(subject: String, headers: [NATSHeader] = [], payload: [UInt8]) {
            self.subject = subject
            self.headers = headers
            self.payload = payload
        }
    }

    /// Pipelines `requests`: writes them all, in order, in one flush, then waits for each reply. The server receives
    /// them in this order; the replies, one per request, come back in the order the server sends them.
    public func requests(_ requests: [Request], timeout: Duration = .seconds(5)) async -> [Result<NATSMessage, NATSError>] {
        let promises = requests.map { _ in self.channel.eventLoop.makePromise(of: NATSMessage.self) }
        let handler = self.handler
        let amount = timeout.timeAmount
        self.channel.eventLoop.execute {
            guard let value = handler.value else {
                for promise in promises { promise.fail(NATSError(.connectionFailed, "not connected")) }
                return
            }
            for (request, promise) in zip(requests, promises) {
                value.request(
                    subject: request.subject,
                    headers: request.headers,
                    payload: request.payload,
                    timeout: amount,
                    flush: false,
                    promise: promise
                )
            }
            value.flush()
        }
        var results: [Result<NATSMessage, NATSError>] = []
        results.reserveCapacity(promises.count)
        for promise in promises {
            do {
                results.append(.success(try await promise.futureResult.get()))
            } catch {
                results.append(.failure(error as? NATSError ?? NATSError(.connectionFailed, "\(error)")))
            }
        }
        return results
    }

    /// A PING/PONG round trip: the server has processed everything sent before it (not a delivery barrier for
    /// replies the server produces asynchronously, such as PubAcks).
    public func ping() async throws(NATSError) {
        let promise = self.channel.eventLoop.makePromise(of: Void.self)
        let handler = self.handler
        self.channel.eventLoop.execute {
            guard let value = handler.value else {
                promise.fail(NATSError(.connectionFailed, "not connected"))
                return
            }
            value.ping(promise: promise)
        }
        do {
            try await promise.futureResult.get()
        } catch {
            throw error as? NATSError ?? NATSError(.connectionFailed, "\(error)")
        }
    }

    /// Closes the connection; requests in flight fail with ``NATSError/Kind/connectionFailed``.
    public func close() async {
        try? await self.channel.close()
    }

    static func randomToken(length: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
