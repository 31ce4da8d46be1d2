import LeadRoutingCore
import Logging
import ServiceLifecycle

/// Runs an ``OutboxRelay`` for the life of the server: drains the outbox while there is something to send, polls
/// when idle, backs off (with jitter) while the destination fails, and stops on graceful shutdown. An outage of
/// the destination never blocks routing: its events wait in the outbox.
struct OutboxRelayService: Service {
    /// How the loop paces itself.
    struct Configuration: Sendable {
        /// Pause between looks at an empty outbox: an idle relay's events wait up to this long. Default 50 ms (one
        /// indexed read of the outbox cursor each time).
        var pollInterval: Duration = .milliseconds(50)
        /// Delays between attempts while the destination fails.
        var backoff = RetryBackoff()
    }

    let relay: OutboxRelay
    let configuration: Configuration
    let logger: Logger

    func run() async throws {
        var random = SystemRandomNumberGenerator()
        var failures = 0
        let sink = self.relay.sink.consumer
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let pause: Duration?
            switch await self.relay.step() {
            case .idle:
                failures = 0
                pause = self.configuration.pollInterval
            case .delivered:
                failures = 0
                pause = nil
            case .failed(let delivered, let error):
                failures = delivered > 0 ? 1 : failures + 1
                let delay = self.configuration.backoff.delay(attempt: failures, random: &random)
                self.logger.warning(
                    "event delivery failed; retrying",
                    metadata: [
                        "sink": .string(sink), "error": .string("\(error)"), "attempt": .stringConvertible(failures),
                        "retry_in": .stringConvertible(delay),
                    ]
                )
                pause = delay
            }
            if let pause {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            }
        }
        await self.relay.sink.shutdown()
    }
}
