import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingService
import LeadRoutingTestSupport
import NIOCore
import Synchronization
import Testing

/// `serve --webhook`: a real receiver on a loopback port (a Hummingbird server inside the test) gets every outbox
/// event signed and in order, also after it was down for a while; an always-failing receiver gets its events parked,
/// listed by the admin route and re-delivered by hand, while the other webhook and routing go on.
@Suite("Webhooks (live server and receiver)")
struct WebhookDeliveryTests {
    typealias S = ServiceTestSupport

    static let secret = "s3cret-for-tests"

    /// A webhook receiver: records every request per path and answers 503 on the paths marked down.
    final class Receiver: Sendable {
        struct Delivery: Sendable {
            var path: String
            var signature: String?
            var eventId: String?
            var eventType: String?
            var body: [UInt8]
            var accepted: Bool
        }

        let deliveries = Mutex<[Delivery]>([])
        let down = Mutex<Set<String>>([])

        func setDown(_ path: String, _ isDown: Bool) {
            _ = self.down.withLock { isDown ? $0.insert(path).inserted : $0.remove(path) != nil }
        }

        func accepted(_ path: String) -> [Delivery] { self.deliveries.withLock { $0.filter { $0.path == path && $0.accepted } } }
        func refused(_ path: String) -> Int { self.deliveries.withLock { $0.filter { $0.path == path && !$0.accepted }.count } }

        func application() -> some ApplicationProtocol {
            let router = Router()
            for path in ["/hook", "/broken"] {
                router.post(RouterPath(stringLiteral: path)) { request, _ -> Response in
                    let body = try await request.body.collect(upTo: 1 << 20)
                    let isDown = self.down.withLock { $0.contains(path) }
                    func header(_ name: String) -> String? { request.headers[HTTPField.Name(name)!] }
                    let delivery = Delivery(
                        path: path,
                        signature: header(WebhookSignature.headerName),
                        eventId: header(WebhookSignature.eventIdHeaderName),
                        eventType: header(WebhookSignature.eventTypeHeaderName),
                        body: Array(buffer: body),
                        accepted: !isDown
                    )
                    self.deliveries.withLock { $0.append(delivery) }
                    return Response(status: isDown ? .serviceUnavailable : .noContent)
                }
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: S.logger)
        }
    }

    static func postLead(_ client: any TestClientProtocol, _ id: String, headers: HTTPFields = [:], territory: String = "T2") async throws {
        try await client.execute(
            uri: "/api/v1/leads",
            method: .post,
            headers: S.json + headers,
            body: S.body(#"{"id":"\#(id)","territoryId":"\#(territory)","kind":"buy"}"#)
        ) { #expect($0.status == .created) }
    }

    static func object(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]) ?? [:]
    }

    @Test func signedEventsArriveInOrderAlsoAfterTheReceiverWasDown() async throws {
        let receiver = Receiver()
        try await receiver.application().test(.live) { receiverClient in
            let url = "http://127.0.0.1:\(try #require(receiverClient.port))/hook"
            var configuration = S.configuration(auth: false)
            configuration.store = "sqlite::memory:"
            configuration.webhooks = [url]
            configuration.webhookSecret = Self.secret
            configuration.webhookRetryDelay = "20ms"
            configuration.webhookMaxAttempts = 100
            try await buildApplication(configuration, logger: S.logger).test(.live) { client in
                for id in ["W1", "W2", "W3"] { try await Self.postLead(client, id) }
                #expect(await eventually(polls: 300, every: .milliseconds(50)) { receiver.accepted("/hook").count >= 3 })

                receiver.setDown("/hook", true)
                try await client.execute(uri: "/api/v1/leads/W1/accept", method: .post) { #expect($0.status == .ok) }
                for id in ["W4", "W5"] { try await Self.postLead(client, id, territory: "T1") }  // routing does not wait
                #expect(
                    await eventually(polls: 300, every: .milliseconds(50)) { receiver.refused("/hook") >= 3 },
                    "no retries while the receiver was down"
                )
                receiver.setDown("/hook", false)
                #expect(await eventually(polls: 300, every: .milliseconds(50)) { receiver.accepted("/hook").count >= 6 })

                let accepted = receiver.accepted("/hook")
                #expect(accepted.count == 6, "an event delivered twice after its acknowledgement: \(accepted.map(\.eventId))")
                for delivery in accepted {
                    let signature = try #require(delivery.signature)
                    #expect(WebhookSignature.isValid(signature, body: delivery.body, secret: Array(Self.secret.utf8)))
                    // The same check refuses the body under another secret and a body changed in transit.
                    #expect(!WebhookSignature.isValid(signature, body: delivery.body, secret: Array("wrong-secret".utf8)))
                    #expect(!WebhookSignature.isValid(signature, body: delivery.body + [0x20], secret: Array(Self.secret.utf8)))
                    let event = Self.object(delivery.body)
                    #expect(delivery.eventId == event["id"] as? String && delivery.eventType == event["type"] as? String)
                }
                let ids = accepted.compactMap { $0.eventId.flatMap(Int.init) }
                #expect(ids == ids.sorted() && Set(ids).count == ids.count, "out of outbox order: \(ids)")
                #expect(accepted.map { Self.object($0.body)["leadId"] as? String } == ["W1", "W2", "W3", "W1", "W4", "W5"])
                #expect(accepted[3].eventType == "lead.accepted")
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let text = String(buffer: response.body)
                    #expect(text.contains(#"leadrouter_events_delivered_total{sink="webhook:\#(url)"} 6"#), "\(text.prefix(3000))")
                    #expect(text.contains(#"leadrouter_event_delivery_failures_total{sink="webhook:\#(url)"}"#))
                }
            }
        }
    }

    @Test func anAlwaysFailingWebhookParksItsEventsForTheAdminToListAndRetry() async throws {
        let receiver = Receiver()
        receiver.setDown("/broken", true)
        try await receiver.application().test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            let good = "http://127.0.0.1:\(port)/hook"
            let broken = "http://127.0.0.1:\(port)/broken"
            var configuration = S.configuration(auth: true)
            configuration.store = "sqlite::memory:"
            configuration.webhooks = [good, broken]
            configuration.webhookSecret = Self.secret
            configuration.webhookRetryDelay = "10ms"
            configuration.webhookMaxAttempts = 2
            let writer = S.bearer(try await S.token(scopes: ["leads:write", "leads:read"]))
            let admin = S.bearer(try await S.token(scopes: ["admin"]))
            try await buildApplication(configuration, logger: S.logger).test(.live) { client in
                for id in ["P1", "P2"] { try await Self.postLead(client, id, headers: writer) }
                #expect(
                    await eventually(polls: 300, every: .milliseconds(50)) { receiver.accepted("/hook").count >= 2 },
                    "one failing webhook held up the other"
                )

                func failures(_ query: String = "") async throws -> [String: Any] {
                    try await client.execute(uri: "/api/v1/admin/webhooks/failures" + query, method: .get, headers: admin) { response in
                        #expect(response.status == .ok)
                        return try S.object(response.body)
                    }
                }
                #expect(try await eventually(polls: 300, every: .milliseconds(50)) { (try await failures()["failures"] as? [Any])?.count == 2 })
                #expect(receiver.refused("/broken") == 4)  // two attempts per event

                try await client.execute(uri: "/api/v1/admin/webhooks/failures", method: .get, headers: writer) {
                    #expect($0.status == .forbidden)  // needs the admin scope
                }
                let first = try await failures("?limit=1")
                let items = try #require(first["failures"] as? [[String: Any]])
                #expect(items.count == 1)
                let item = items[0]
                #expect(item["webhook"] as? String == broken && item["attempts"] as? Int == 2 && item["eventType"] as? String == "lead.routed")
                #expect((item["lastError"] as? String)?.hasPrefix("HTTP 503") == true, "\(item)")
                #expect(Self.object(Array(((item["body"] as? String) ?? "").utf8))["leadId"] as? String == "P1")
                let cursor = try #require(first["nextCursor"] as? String)
                let second = try await failures("?limit=1&cursor=\(cursor)")
                #expect((second["failures"] as? [[String: Any]])?.first?["eventId"] as? String != item["eventId"] as? String)
                #expect(second["nextCursor"] is NSNull)
                try await client.execute(uri: "/api/v1/admin/webhooks/failures?cursor=bogus", method: .get, headers: admin) {
                    #expect($0.status == .unprocessableContent)
                }

                let id = try #require(item["id"] as? String)
                try await client.execute(uri: "/api/v1/admin/webhooks/failures/\(id)/retry", method: .post, headers: admin) { response in
                    #expect(response.status == .badGateway)  // still down: stays parked, one more attempt counted
                }
                #expect((try await failures("?limit=1")["failures"] as? [[String: Any]])?.first?["attempts"] as? Int == 3)

                receiver.setDown("/broken", false)
                try await client.execute(uri: "/api/v1/admin/webhooks/failures/\(id)/retry", method: .post, headers: admin) { response throws in
                    #expect(response.status == .ok)
                    #expect(try S.object(response.body)["delivered"] as? Bool == true)
                }
                let redelivered = try #require(receiver.accepted("/broken").first)
                #expect(Self.object(redelivered.body)["leadId"] as? String == "P1")
                #expect(WebhookSignature.isValid(redelivered.signature ?? "", body: redelivered.body, secret: Array(Self.secret.utf8)))
                #expect((try await failures()["failures"] as? [Any])?.count == 1)
                try await client.execute(uri: "/api/v1/admin/webhooks/failures/\(id)/retry", method: .post, headers: admin) {
                    #expect($0.status == .notFound)
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    let text = String(buffer: response.body)
                    #expect(text.contains(#"leadrouter_webhook_events_parked_total{sink="webhook:\#(broken)"} 2"#), "\(text.prefix(3000))")
                    #expect(text.contains("leadrouter_webhook_parked_events 1"))
                }
            }
        }
    }

    @Test func webhookSettingsAreCheckedAndTheSecretNeverShows() async throws {
        var configuration = S.configuration(auth: false)
        configuration.store = "sqlite::memory:"
        configuration.webhooks = ["http://127.0.0.1:9/hook"]
        #expect(
            throws: ServiceConfigurationError(
                setting: "webhook-secret",
                message: "webhooks are signed: give --webhook-secret or LEADROUTER_WEBHOOK_SECRET"
            )
        ) {
            try configuration.validate()
        }
        configuration.webhookSecret = "top-secret-value"
        let cases: [(String, (inout ServiceConfiguration) -> Void)] = [
            ("webhook", { $0.webhooks = ["ftp://127.0.0.1/x"] }),
            ("webhook", { $0.webhooks = ["http://a/x", "http://a/x"] }),
            ("webhook", { $0.webhooks = ["https://user:pw@a/x"] }),
            ("webhook", { $0.store = nil }),
            ("webhook-max-attempts", { $0.webhookMaxAttempts = 0 }),
            ("webhook-retry-delay", { $0.webhookRetryDelay = "soon" }),
        ]
        for (setting, change) in cases {
            var broken = configuration
            change(&broken)
            let error = #expect(throws: ServiceConfigurationError.self) { try broken.validate() }
            #expect(error?.setting == setting)
            #expect(error?.description.contains("top-secret-value") == false)
        }
        try configuration.validate()
        let environment = [
            "LEADROUTER_WEBHOOKS": "http://a/1, http://b/2", "LEADROUTER_WEBHOOK_SECRET": "env-secret",
            "LEADROUTER_WEBHOOK_MAX_ATTEMPTS": "4", "LEADROUTER_WEBHOOK_RETRY_DELAY": "250ms",
        ]
        let resolved = try ServiceConfiguration.resolve(flags: .init(), environment: environment)
        #expect(resolved.webhooks == ["http://a/1", "http://b/2"] && resolved.webhookSecret == "env-secret")
        #expect(resolved.webhookMaxAttempts == 4 && resolved.webhookRetryDelay == "250ms")
        #expect(ServiceConfiguration().webhookMaxAttempts == 10 && ServiceConfiguration().webhookRetryDelay == "1s")
    }
}
