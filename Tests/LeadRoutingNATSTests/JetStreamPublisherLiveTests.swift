import Foundation
import LeadRoutingNATS
import LeadRoutingTestSupport
import Testing

/// Against real nats-server processes (the binary `scripts/services/nats` uses): each test starts its own server on a
/// free loopback port with its own storage, so it can stop and restart it.
@Suite(.enabled(if: TestEnvironment.natsURL != nil, "set NATS_URL (scripts/services/nats start) to run against a real nats-server"))
struct JetStreamPublisherLiveTests {
    private func publisher(
        _ server: NATSTestServer,
        stream: String = "LEADROUTER",
        subjects: [String] = ["leadrouter.>"]
    ) throws -> JetStreamPublisher {
        try JetStreamPublisher(
            configuration: .init(
                servers: [try NATSServerAddress(url: server.url)],
                stream: JetStreamStreamConfiguration(name: stream, subjects: subjects),
                requestTimeout: .seconds(2)
            )
        )
    }

    @Test func publishesCreatesTheStreamAndDropsDuplicateIDs() async throws {
        let server = try NATSTestServer.start()
        defer { server.stop() }
        let publisher = try self.publisher(server)
        let first = try await publisher.publish(subject: "leadrouter.events.lead_routed", messageID: "evt-1", payload: Array("{\"a\":1}".utf8))
        let second = try await publisher.publish(subject: "leadrouter.events.lead_accepted", messageID: "evt-2", payload: Array("{}".utf8))
        let again = try await publisher.publish(subject: "leadrouter.events.lead_routed", messageID: "evt-1", payload: Array("{\"a\":1}".utf8))
        #expect(first == JetStreamPubAck(stream: "LEADROUTER", sequence: 1))
        #expect(second == JetStreamPubAck(stream: "LEADROUTER", sequence: 2))
        #expect(again == JetStreamPubAck(stream: "LEADROUTER", sequence: 1, duplicate: true))
        #expect(try server.streamMessageCount("LEADROUTER") == 2)
        await publisher.close()
    }

    /// A pipelined batch is stored in order (sequences follow the batch), and sent again it is all duplicates; a
    /// batch to a stopped server reports no PubAck and the error.
    @Test func aPipelinedBatchIsStoredInOrderOnce() async throws {
        let server = try NATSTestServer.start()
        defer { server.stop() }
        let publisher = try self.publisher(server)
        let batch = (1...200).map {
            JetStreamMessage(subject: "leadrouter.events.e\($0 % 3)", messageID: "evt-\($0)", payload: Array("{\"n\":\($0)}".utf8))
        }
        let first = await publisher.publish(batch)
        #expect(first.error == nil)
        #expect(first.acks.map(\.sequence) == (1...200).map(UInt64.init))
        #expect(first.acks.allSatisfy { !$0.duplicate && $0.stream == "LEADROUTER" })
        let again = await publisher.publish(
            Array(batch.prefix(150)) + [JetStreamMessage(subject: "leadrouter.events.x", messageID: "evt-201", payload: [0x7B, 0x7D])]
        )
        #expect(again.error == nil && again.acks.count == 151)
        #expect(again.acks.prefix(150).allSatisfy(\.duplicate) && again.acks.last == JetStreamPubAck(stream: "LEADROUTER", sequence: 201))
        #expect(try server.streamMessageCount("LEADROUTER") == 201)
        server.stop()
        let down = await publisher.publish(Array(batch.prefix(3)))
        #expect(down.acks.isEmpty && down.error != nil)
        await publisher.close()
    }

    @Test func reconnectsAfterTheServerRestartsAndTheDuplicateTableSurvives() async throws {
        let server = try NATSTestServer.start()
        defer { server.stop() }
        let publisher = try self.publisher(server)
        _ = try await publisher.publish(subject: "leadrouter.events.lead_routed", messageID: "evt-1", payload: [0x7B, 0x7D])
        server.stop()
        await #expect(throws: NATSError.self) {
            _ = try await publisher.publish(subject: "leadrouter.events.lead_routed", messageID: "evt-2", payload: [0x7B, 0x7D])
        }
        try server.restart()
        let resent = try await publisher.publish(subject: "leadrouter.events.lead_routed", messageID: "evt-1", payload: [0x7B, 0x7D])
        #expect(resent.duplicate && resent.sequence == 1)
        let next = try await publisher.publish(subject: "leadrouter.events.lead_routed", messageID: "evt-2", payload: [0x7B, 0x7D])
        #expect(next == JetStreamPubAck(stream: "LEADROUTER", sequence: 2))
        #expect(await publisher.connectionsOpened == 2)
        await publisher.close()
    }

    @Test func refusalsAreReportedAsSuch() async throws {
        let server = try NATSTestServer.start(arguments: ["--user", "relay", "--pass", "right"])
        defer { server.stop() }
        let wrong = try JetStreamPublisher(configuration: .init(servers: [try NATSServerAddress(url: server.url)], requestTimeout: .seconds(2)))
        do {
            _ = try await wrong.publish(subject: "leadrouter.x", messageID: "1", payload: [])
            Issue.record("a connection without credentials was accepted")
        } catch {
            #expect(error.kind == .handshakeRefused)
            #expect(error.message.contains("Authorization Violation"))
            #expect(!error.isRetryable)
        }
        let port = server.url.split(separator: ":").last!
        let right = try JetStreamPublisher(
            configuration: .init(servers: [try NATSServerAddress(url: "nats://relay:right@127.0.0.1:\(port)")], requestTimeout: .seconds(2))
        )
        let ack = try await right.publish(subject: "leadrouter.x", messageID: "1", payload: [])
        #expect(ack.sequence == 1)
        await right.close()
    }

    @Test func aStreamThatDoesNotCaptureOurSubjectsIsAMismatchAndUncapturedSubjectsHaveNoResponders() async throws {
        let server = try NATSTestServer.start()
        defer { server.stop() }
        let other = try self.publisher(server, stream: "OTHER", subjects: ["other.>"])
        _ = try await other.publish(subject: "other.a", messageID: "1", payload: [])
        do {
            _ = try await other.publish(subject: "leadrouter.events.lead_routed", messageID: "2", payload: [])
            Issue.record("a publish nobody captures succeeded")
        } catch {
            #expect(error.kind == .noResponders)
            #expect(error.isRetryable)
        }
        let clash = try self.publisher(server, stream: "OTHER", subjects: ["leadrouter.>"])
        do {
            _ = try await clash.publish(subject: "leadrouter.a", messageID: "1", payload: [])
            Issue.record("a stream with other subjects was accepted")
        } catch {
            #expect(error.kind == .streamMismatch)
        }
        await other.close()
        await clash.close()
    }

    @Test func unreachableServerFailsFastAndRetryably() async throws {
        let port = try NATSTestServer.freePort()
        let publisher = try JetStreamPublisher(
            configuration: .init(servers: [NATSServerAddress(host: "127.0.0.1", port: port)], requestTimeout: .seconds(2))
        )
        do {
            _ = try await publisher.publish(subject: "leadrouter.a", messageID: "1", payload: [])
            Issue.record("published to a closed port")
        } catch {
            #expect(error.kind == .connectionFailed)
            #expect(error.isRetryable)
        }
    }
}
