import NIOCore
import NIOSSL

/// The connection's state machine, on its event loop: the handshake (INFO → CONNECT, PING → PONG), PING answered at
/// once, and request–reply through one wildcard inbox subscription (`_INBOX.<random>.*`, one token per request).
final class NATSConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = NATSServerFrame

    static let inboxSID = "1"

    private enum State { case awaitingInfo, awaitingPong, connected, closed }

    private var state = State.awaitingInfo
    private let options: NATSConnectOptions
    private let tls: NATSConnection.TLS?
    private let handshake: EventLoopPromise<NATSServerInfo>
    private(set) var serverInfo: NATSServerInfo?
    let inboxPrefix: String
    private var nextToken: UInt64 = 0
    private var pending: [String: EventLoopPromise<NATSMessage>] = [:]
    private var pongWaiters = CircularBuffer<EventLoopPromise<Void>>()
    private var lastServerError: String?
    private var context: ChannelHandlerContext?

    init(options: NATSConnectOptions, tls: NATSConnection.TLS?, inboxPrefix: String, handshake: EventLoopPromise<NATSServerInfo>) {
        self.options = options
        self.tls = tls
        self.inboxPrefix = inboxPrefix
        self.handshake = handshake
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .info(let info):
            self.serverInfo = info
            if self.state == .awaitingInfo { self.startSession(context: context, info: info) }
        case .ping:
            self.write(.pong, context: context)
        case .pong:
            if self.state == .awaitingPong {
                self.state = .connected
                self.handshake.succeed(self.serverInfo ?? NATSServerInfo())
            } else if let waiter = self.pongWaiters.popFirst() {
                waiter.succeed()
            }
        case .ok:
            break
        case .error(let text):
            self.lastServerError = text
            if self.state == .awaitingInfo || self.state == .awaitingPong {
                self.failHandshake(NATSError(.handshakeRefused, "server refused the connection: \(text)"), context: context)
            }
        case .message(let message):
            guard message.sid == Self.inboxSID, message.subject.hasPrefix(self.inboxPrefix) else { return }
            let token = String(message.subject.dropFirst(self.inboxPrefix.count))
            self.pending.removeValue(forKey: token)?.succeed(message)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let reason = self.lastServerError.map { "connection closed (server said: \($0))" } ?? "connection closed"
        let error = NATSError(.connectionFailed, reason)
        if self.state != .connected && self.state != .closed { self.handshake.fail(error) }
        self.state = .closed
        let pending = self.pending
        self.pending = [:]
        for promise in pending.values { promise.fail(error) }
        while let waiter = self.pongWaiters.popFirst() { waiter.fail(error) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.lastServerError = self.lastServerError ?? "\(error)"
        if self.state == .awaitingInfo || self.state == .awaitingPong {
            let natsError = error as? NATSError ?? NATSError(.connectionFailed, "\(error)")
            self.failHandshake(natsError, context: context)
        } else {
            context.close(promise: nil)
        }
    }

    // MARK: Called on the event loop by NATSConnection

    /// Publishes with a fresh reply subject on the inbox and completes `promise` with the reply, or fails it on
    /// timeout or when the connection closes.
    func request(
        subject: String,
        headers: [NATSHeader],
        payload: [UInt8],
        timeout: TimeAmount,
        flush: Bool = true,
        promise: EventLoopPromise<NATSMessage>
    ) {
        guard self.state == .connected, let context else {
            promise.fail(NATSError(.connectionFailed, "not connected"))
            return
        }
        self.nextToken += 1
        let token = String(self.nextToken)
        let command = NATSClientCommand.publish(subject: subject, replyTo: self.inboxPrefix + token, headers: headers, payload: payload)
        if let maximum = self.serverInfo?.maxPayload, command.declaredSize > maximum {
            promise.fail(NATSError(.invalidArgument, "message of \(command.declaredSize) bytes exceeds the server's max_payload \(maximum)"))
            return
        }
        var buffer = context.channel.allocator.buffer(capacity: payload.count + 256)
        do {
            try command.write(to: &buffer)
        } catch {
            promise.fail(error)
            return
        }
        self.pending[token] = promise
        let timeoutTask = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            self.pending.removeValue(forKey: token)?.fail(NATSError(.timedOut, "no reply to \(subject) within \(timeout.nanoseconds / 1_000_000) ms"))
        }
        promise.futureResult.hop(to: context.eventLoop).assumeIsolated().whenComplete { _ in timeoutTask.cancel() }
        if flush {
            context.writeAndFlush(NIOAny(buffer), promise: nil)
        } else {
            context.write(NIOAny(buffer), promise: nil)
        }
    }

    /// Flushes what ``request(subject:headers:payload:timeout:flush:promise:)`` wrote without flushing.
    func flush() {
        self.context?.flush()
    }

    /// Sends PING and completes `promise` at the matching PONG: everything written before was processed.
    func ping(promise: EventLoopPromise<Void>) {
        guard self.state == .connected, let context else {
            promise.fail(NATSError(.connectionFailed, "not connected"))
            return
        }
        self.pongWaiters.append(promise)
        self.write(.ping, context: context)
    }

    // MARK: Private

    private func startSession(context: ChannelHandlerContext, info: NATSServerInfo) {
        guard info.headers == true else {
            self.failHandshake(NATSError(.handshakeRefused, "server does not support headers (needed for Nats-Msg-Id)"), context: context)
            return
        }
        if let tls = self.tls, tls.required || info.tlsRequired == true {
            do {
                let handler = try NIOSSLClientHandler(context: tls.context, serverHostname: tls.serverHostname)
                try context.pipeline.syncOperations.addHandler(handler, position: .first)
            } catch {
                self.failHandshake(NATSError(.handshakeRefused, "TLS setup failed: \(error)"), context: context)
                return
            }
        } else if info.tlsRequired == true {
            self.failHandshake(NATSError(.handshakeRefused, "server requires TLS; use a tls:// URL"), context: context)
            return
        }
        var options = self.options
        options.tlsRequired = self.tls != nil
        self.state = .awaitingPong
        var buffer = context.channel.allocator.buffer(capacity: 512)
        do {
            try NATSClientCommand.connect(options).write(to: &buffer)
            try NATSClientCommand.ping.write(to: &buffer)
            try NATSClientCommand.subscribe(subject: self.inboxPrefix + "*", sid: Self.inboxSID).write(to: &buffer)
        } catch {
            self.failHandshake(error, context: context)
            return
        }
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }

    private func failHandshake(_ error: NATSError, context: ChannelHandlerContext) {
        guard self.state == .awaitingInfo || self.state == .awaitingPong else { return }
        self.state = .closed
        self.handshake.fail(error)
        context.close(promise: nil)
    }

    private func write(_ command: NATSClientCommand, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: 8)
        try? command.write(to: &buffer)
        context.writeAndFlush(NIOAny(buffer), promise: nil)
    }
}
