import LeadRoutingCore
import LeadRoutingNATS
import Logging
import ServiceLifecycle

/// The outbox relays a configuration asks for, one ``OutboxRelayService`` per destination. Each is a singleton job
/// (one replica relays a destination at a time): ``jobs(_:outbox:metrics:clock:logger:)`` names it and builds a
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
        return jobs
    }
}
