import LeadRoutingCore
import LeadRoutingNATS
import Logging
import ServiceLifecycle

/// The outbox relays a configuration asks for, one ``OutboxRelayService`` per destination.
enum EventRelays {
    static func services(
        _ configuration: ServiceConfiguration,
        outbox: any OutboxSource,
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
        return services
    }
}
