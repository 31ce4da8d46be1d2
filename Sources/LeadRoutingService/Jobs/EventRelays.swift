import LeadRoutingCore
import LeadRoutingNATS
import Logging
import ServiceLifecycle

/// The outbox relays a configuration asks for, one ``OutboxRelayService`` per destination. Each is a singleton job
/// (one replica relays a destination at a time): ``jobs(_:outbox:webhooks:metrics:clock:logger:)`` names it and builds a
/// fresh relay, with its own connection, for each term of leadership.
enum EventRelays {
    /// One relay: its job name (`outbox-relay-<consumer>`) and how to build it.
    struct Job: Sendable {
        let name: String
        let make: @Sendable () throws -> any Service
    }

    /// Checks the destinations' settings now (a bad `--nats` URL fails the start); connects only when a relay runs.
    static func jobs(
        _ configuration: ServiceConfiguration,
        outbox: any OutboxSource,
        webhooks: WebhookFailures,
        metrics: ServiceMetrics,
        clock: any WallClock,
        logger: Logger
    ) throws -> [Job] {
        var jobs: [Job] = []
        if let url = configuration.nats {
            let address = try NATSServerAddress(url: url)
            let stream = configuration.natsStream
            jobs.append(
                Job(name: "outbox-relay-nats-jetstream") {
                    let publisher = try JetStreamPublisher(
                        configuration: .init(servers: [address], stream: JetStreamStreamConfiguration(name: stream))
                    )
                    let sink = MeasuredEventSink(inner: JetStreamEventSink(publisher: publisher), metrics: metrics, clock: clock)
                    return OutboxRelayService(relay: OutboxRelay(outbox: outbox, sink: sink), configuration: .init(), logger: logger)
                }
            )
            logger.info("events to NATS JetStream", metadata: ["nats": .string(address.description), "stream": .string(stream)])
        }
        // Each webhook its own relay and cursor: a slow or failing receiver delays only its own events.
        for url in configuration.webhooks {
            guard let sink = webhooks.sinks[WebhookEventSink.consumer(url: url)] else { continue }
            jobs.append(
                Job(name: "outbox-relay-\(sink.consumer)") {
                    OutboxRelayService(relay: OutboxRelay(outbox: outbox, sink: sink), configuration: .init(), logger: logger)
                }
            )
            logger.info(
                "events to a webhook",
                metadata: ["webhook": .string(url), "max_attempts": .stringConvertible(configuration.webhookMaxAttempts)]
            )
        }
        return jobs
    }

    /// The configured webhooks' sinks (signed with the configured secret, parking in `store`) and the parked events.
    static func webhooks(
        _ configuration: ServiceConfiguration,
        store: any ParkedEventStore,
        metrics: ServiceMetrics,
        clock: any WallClock,
        logger: Logger
    ) -> WebhookFailures {
        var retry = WebhookEventSink.Retry(maximumAttempts: configuration.webhookMaxAttempts)
        retry.backoff.initial = DurationText(configuration.webhookRetryDelay)?.duration ?? retry.backoff.initial
        let secret = Array((configuration.webhookSecret ?? "").utf8)
        var sinks: [String: WebhookEventSink] = [:]
        for url in configuration.webhooks {
            let sink = WebhookEventSink(
                url: url,
                secret: secret,
                transport: HTTPWebhookTransport(),
                parking: store,
                retry: retry,
                sleeper: ContinuousClock(),
                clock: clock,
                metrics: metrics,
                logger: logger
            )
            sinks[sink.consumer] = sink
        }
        return WebhookFailures(store: store, sinks: sinks, metrics: metrics, clock: clock, logger: logger)
    }
}
