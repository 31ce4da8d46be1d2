import LeadRoutingCore
import LeadRoutingNATS
import Logging
import ServiceLifecycle

/// The outbox relays a configuration asks for, one ``OutboxRelayService`` per destination.
enum EventRelays {
    static func services(
        _ configuration: ServiceConfiguration,
        outbox: any OutboxSource,
        webhooks: WebhookFailures,
        metrics: ServiceMetrics,
        clock: any WallClock,
        logger: Logger
    ) throws -> [any Service] {
        var services: [any Service] = []
        if let url = configuration.nats {
            let address = try NATSServerAddress(url: url)
            let publisher = try JetStreamPublisher(
                configuration: .init(servers: [address], stream: JetStreamStreamConfiguration(name: configuration.natsStream))
            )
            let sink = MeasuredEventSink(inner: JetStreamEventSink(publisher: publisher), metrics: metrics, clock: clock)
            services.append(OutboxRelayService(relay: OutboxRelay(outbox: outbox, sink: sink), configuration: .init(), logger: logger))
            logger.info("events to NATS JetStream", metadata: ["nats": .string(address.description), "stream": .string(configuration.natsStream)])
        }
        // Each webhook its own relay and cursor: a slow or failing receiver delays only its own events.
        for url in configuration.webhooks {
            guard let sink = webhooks.sinks[WebhookEventSink.consumer(url: url)] else { continue }
            services.append(OutboxRelayService(relay: OutboxRelay(outbox: outbox, sink: sink), configuration: .init(), logger: logger))
            logger.info(
                "events to a webhook",
                metadata: ["webhook": .string(url), "max_attempts": .stringConvertible(configuration.webhookMaxAttempts)]
            )
        }
        if !configuration.webhooks.isEmpty { services.append(webhooks) }
        return services
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
