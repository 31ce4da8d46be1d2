import LeadRoutingNATS
import NIOCore
import Testing

/// The parser and encoder against byte sequences recorded from nats-server 2.9.10: every quirk of that server's
/// output must parse, and every frame we send must be exact.
@Suite struct NATSFrameParserTests {
    private func frames(_ text: String, chunked chunkSize: Int? = nil) throws -> [NATSServerFrame] {
        let parser = NATSFrameParser()
        var buffer = ByteBuffer()
        var frames: [NATSServerFrame] = []
        let bytes = Array(text.utf8)
        let step = chunkSize ?? bytes.count
        var offset = 0
        while offset < bytes.count {
            buffer.writeBytes(bytes[offset..<min(bytes.count, offset + step)])
            offset += step
            while let frame = try parser.parse(&buffer) { frames.append(frame) }
        }
        #expect(buffer.readableBytes == 0, "bytes left over")
        return frames
    }

    @Test func infoWithTrailingSpaceBeforeCRLF() throws {
        let text =
            "INFO {\"server_id\":\"NDSC\",\"version\":\"2.9.10\",\"proto\":1,\"headers\":true,\"max_payload\":1048576,\"jetstream\":true,\"client_id\":4} \r\n"
        let frames = try self.frames(text)
        #expect(
            frames == [.info(NATSServerInfo(serverId: "NDSC", version: "2.9.10", proto: 1, headers: true, maxPayload: 1_048_576, jetstream: true))]
        )
    }

    @Test func pubAckWithTheTwoSpacesOfServer29() throws {
        let body = "{\"stream\":\"LEADROUTER_EVENTS\", \"seq\":1}"
        let text = "MSG _INBOX.Hq2.3 1  \(body.utf8.count)\r\n\(body)\r\nPING\r\n"
        let frames = try self.frames(text)
        #expect(frames == [.message(NATSMessage(subject: "_INBOX.Hq2.3", sid: "1", payload: Array(body.utf8))), .ping])
    }

    @Test func noRespondersStatusAndHeadersWithTrailingSpace() throws {
        let text =
            "HMSG _INBOX.Hq2.5 1 16 16\r\nNATS/1.0 503\r\n\r\n\r\nhmsg a 1 reply.x 42 44\r\nNATS/1.0\r\nNats-Msg-Id: id-2 \r\nBar: Baz\r\n\r\nhi\r\n"
        let frames = try self.frames(text)
        #expect(frames.count == 2)
        guard case .message(let noResponders) = frames[0], case .message(let withHeaders) = frames[1] else {
            Issue.record("expected two messages, got \(frames)")
            return
        }
        #expect(noResponders.status == 503)
        #expect(noResponders.payload.isEmpty)
        #expect(withHeaders.replyTo == "reply.x")
        #expect(withHeaders.header("Nats-Msg-Id") == "id-2 ")  // trailing space kept, as JetStream keeps it
        #expect(withHeaders.header("Bar") == "Baz")
        #expect(withHeaders.payload == Array("hi".utf8))
    }

    @Test func framesSplitAcrossReadsByteByByte() throws {
        let body = "{\"stream\":\"S\", \"seq\":7,\"duplicate\": true}"
        let text = "+OK\r\nMSG a.b 9 \(body.utf8.count)\r\n\(body)\r\nPONG\r\n-ERR 'Stale Connection'\r\n"
        let whole = try self.frames(text)
        let bytewise = try self.frames(text, chunked: 1)
        #expect(whole == bytewise)
        #expect(whole.first == .ok)
        #expect(whole.last == .error("Stale Connection"))
    }

    @Test func brokenFramesAreRejected() {
        let parser = NATSFrameParser(maximumControlLineBytes: 64)
        for text in [
            "MSG a 1 5\r\nhelloXX",  // payload not followed by CRLF
            "MSG a 1 x\r\n",  // size not a number
            "HMSG a 1 9 3\r\n",  // header larger than total
            "WAT\r\n",  // unknown operation
            String(repeating: "M", count: 100),  // control line too long
            "HMSG a 1 4 4\r\nXXXX\r\n",  // header block without NATS/1.0
        ] {
            var buffer = ByteBuffer(string: text)
            #expect(throws: NATSError.self, "\(text.prefix(20).debugDescription)") { _ = try parser.parse(&buffer) }
        }
    }

    @Test func hpubFramesAreByteExact() throws {
        let payload = Array("{\"leadId\":\"L1\"}".utf8)
        let one = NATSClientCommand.publish(
            subject: "leadrouter.events.lead_routed",
            replyTo: "_INBOX.Hq2.3",
            headers: [.messageID("evt-0001")],
            payload: payload
        )
        #expect(
            String(decoding: try one.encoded(), as: UTF8.self)
                == "HPUB leadrouter.events.lead_routed _INBOX.Hq2.3 35 50\r\nNATS/1.0\r\nNats-Msg-Id: evt-0001\r\n\r\n{\"leadId\":\"L1\"}\r\n"
        )
        let two = NATSClientCommand.publish(
            subject: "leadrouter.events.lead_routed",
            replyTo: "r",
            headers: [.messageID("evt-0001"), .expectedStream("LEADROUTER_EVENTS")],
            payload: payload
        )
        #expect(String(decoding: try two.encoded(), as: UTF8.self).hasPrefix("HPUB leadrouter.events.lead_routed r 76 91\r\n"))
        #expect(two.declaredSize == 91)
        let plain = NATSClientCommand.publish(subject: "events.b", replyTo: "_INBOX.probe1.p7", headers: [], payload: Array("hello".utf8))
        #expect(String(decoding: try plain.encoded(), as: UTF8.self) == "PUB events.b _INBOX.probe1.p7 5\r\nhello\r\n")
    }

    @Test func commandsThatWouldBreakFramingAreRefused() {
        let bad: [NATSClientCommand] = [
            .publish(subject: "has space", replyTo: nil, headers: [], payload: []),
            .publish(subject: "", replyTo: nil, headers: [], payload: []),
            .publish(subject: "a", replyTo: "r\r\n", headers: [], payload: []),
            .publish(subject: "a", replyTo: nil, headers: [NATSHeader("Bad:Name", "x")], payload: []),
            .publish(subject: "a", replyTo: nil, headers: [NATSHeader("Name", "line\r\nbreak")], payload: []),
        ]
        for command in bad {
            #expect(throws: NATSError.self) { _ = try command.encoded() }
        }
    }

    @Test func connectSendsVerboseAndPedanticOff() throws {
        let text = String(decoding: try NATSClientCommand.connect(NATSConnectOptions(name: "relay")).encoded(), as: UTF8.self)
        #expect(text.hasPrefix("CONNECT {"))
        #expect(text.hasSuffix("}\r\n"))
        for field in ["\"verbose\":false", "\"pedantic\":false", "\"headers\":true", "\"no_responders\":true", "\"protocol\":1"] {
            #expect(text.contains(field), "CONNECT lacks \(field)")
        }
    }

    @Test func serverURLs() throws {
        let plain = try NATSServerAddress(url: "nats://127.0.0.1:4223")
        #expect(plain == NATSServerAddress(host: "127.0.0.1", port: 4223))
        let credentials = try NATSServerAddress(url: "tls://relay:s%40cret@nats.example")
        #expect(credentials.useTLS && credentials.port == 4222 && credentials.user == "relay" && credentials.password == "s@cret")
        #expect(try NATSServerAddress(url: "nats://tok@h").token == "tok")
        #expect(credentials.description == "tls://nats.example:4222")
        for bad in ["http://h:4222", "nats://", "nats://h:4222/path", "h:4222"] {
            #expect(throws: NATSError.self, "\(bad)") { _ = try NATSServerAddress(url: bad) }
        }
    }

    @Test func retryableErrors() {
        #expect(NATSError(.connectionFailed, "x").isRetryable)
        #expect(NATSError(.jetStream, "max msgs", jetStreamErrorCode: 10077, jetStreamStatus: 503).isRetryable)
        #expect(!NATSError(.jetStream, "expected stream does not match", jetStreamErrorCode: 10060, jetStreamStatus: 400).isRetryable)
        #expect(!NATSError(.handshakeRefused, "Authorization Violation").isRetryable)
    }
}
