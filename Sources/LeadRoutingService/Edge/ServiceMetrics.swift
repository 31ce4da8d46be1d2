import LeadRoutingCore
import Prometheus
import Synchronization

/// The service's Prometheus metrics, in a registry of its own (no global metrics bootstrap, so several
/// applications can live in one test process).
final class ServiceMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let latencyBuckets: [Duration] = [
        .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(20), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
        .seconds(1), .seconds(2.5),
    ]

    private let graphAge: Gauge
    private let graphAgents: Gauge
    private let graphTerritories: Gauge
    /// When the graph was last loaded or confirmed current (a refresh that found no change).
    private let graphLoadedAt = Mutex<ContinuousClock.Instant?>(nil)
    /// `leadrouter_graph_info` of the graph in use; replaced (the old series removed) when a newer graph is loaded.
    private let graphInfo = Mutex<Gauge?>(nil)
    private let counters = Mutex<[String: Counter]>([:])
    private let histograms = Mutex<[String: DurationHistogram]>([:])
    private let gauges = Mutex<[String: Gauge]>([:])

    init() {
        self.graphAge = self.registry.makeGauge(
            descriptor: .init(
                namespace: "leadrouter",
                metricName: "graph_age",
                unitName: "seconds",
                helpText: "Seconds since the graph projection was loaded or last confirmed current"
            )
        )
        self.graphAgents = self.registry.makeGauge(
            descriptor: .init(namespace: "leadrouter", metricName: "graph", unitName: "agents", helpText: "Agents in the graph projection")
        )
        self.graphTerritories = self.registry.makeGauge(
            descriptor: .init(namespace: "leadrouter", metricName: "graph", unitName: "territories", helpText: "Territories in the graph projection")
        )
    }

    func graphLoaded(_ graph: LoadedGraph) {
        self.graphLoadedAt.withLock { $0 = graph.loadedAt }
        self.graphAgents.set(Double(graph.router.projection.agentCount))
        self.graphTerritories.set(Double(graph.router.projection.territoryCount))
        let info = self.registry.makeGauge(
            descriptor: .init(namespace: "leadrouter", metricName: "graph", unitName: "info", helpText: "Graph projection in use (value 1)"),
            labels: [("version", graph.router.projection.version), ("policy", graph.router.policyIdentity)]
        )
        info.set(1.0)
        if let previous = self.graphInfo.withLock({ gauge in
            defer { gauge = info }
            return gauge
        }), previous !== info {
            self.registry.unregisterGauge(previous)
        }
    }

    /// A refresh found the graph in use still current: its age starts again.
    func graphConfirmed() {
        self.graphLoadedAt.withLock { $0 = .now }
    }

    /// One graph refresh or reload by its source (`neo4j`, `dataset`) and outcome (`reloaded`, `unchanged`, `failed`).
    func graphRefresh(source: String, outcome: String) {
        self.counter(
            "leadrouter_graph_refreshes_total",
            help: "Graph refreshes and reloads by source and outcome (reloaded, unchanged, failed)",
            labels: [("source", source), ("outcome", outcome)]
        ).increment()
    }

    /// One decision: latency by mode (preview / commit), count by status, exclusions by reason.
    func decision(_ decision: RoutingDecision, mode: String, duration: Duration) {
        self.histogram(
            "leadrouter_decision_duration_seconds",
            help: "Time to rank candidates and decide, by mode",
            labels: [("mode", mode)]
        ).record(duration)
        self.counter(
            "leadrouter_decisions_total",
            help: "Decisions by mode and status",
            labels: [("mode", mode), ("status", decision.status.rawValue)]
        ).increment()
        for (reason, count) in decision.excluded {
            self.counter(
                "leadrouter_decision_exclusions_total",
                help: "Excluded candidates by first failing hard constraint",
                labels: [("reason", reason)]
            ).increment(by: Int64(count))
        }
    }

    /// One analytics request: answered from the cache or computed, and how long it took.
    func analytics(_ algorithm: String, cached: Bool, duration: Duration) {
        self.counter(
            "leadrouter_analytics_requests_total",
            help: "Analytics requests by algorithm and cache result",
            labels: [("algorithm", algorithm), ("cache", cached ? "hit" : "miss")]
        ).increment()
        if !cached {
            self.histogram(
                "leadrouter_analytics_compute_duration_seconds",
                help: "Time to compute an analytics report (cache misses), by algorithm",
                labels: [("algorithm", algorithm)]
            ).record(duration)
        }
    }

    /// One lead-store operation's latency.
    func store(_ operation: String, duration: Duration) {
        self.histogram(
            "leadrouter_store_operation_duration_seconds",
            help: "Lead store latency by operation",
            labels: [("operation", operation)]
        ).record(duration)
    }

    static let eventLagBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        .seconds(300),
    ]

    /// One outbox event delivered by `sink`, `lagMillis` after it was committed.
    func eventDelivered(sink: String, lagMillis: Int64) {
        self.counter("leadrouter_events_delivered_total", help: "Outbox events delivered, by sink", labels: [("sink", sink)]).increment()
        self.histogram(
            "leadrouter_event_lag_seconds",
            help: "Time from an event's commit to its delivery (e.g. JetStream's PubAck), by sink",
            labels: [("sink", sink)],
            buckets: Self.eventLagBuckets
        ).record(.milliseconds(max(0, lagMillis)))
    }

    /// One failed attempt to deliver an outbox event (it stays pending and is retried).
    func eventDeliveryFailed(sink: String) {
        self.counter(
            "leadrouter_event_delivery_failures_total",
            help: "Failed attempts to deliver an outbox event (retried with backoff), by sink",
            labels: [("sink", sink)]
        ).increment()
    }

    /// A webhook gave up on an event after its retries and parked it.
    func webhookEventParked(sink: String) {
        self.counter("leadrouter_webhook_events_parked_total", help: "Events a webhook parked after its retries, by sink", labels: [("sink", sink)])
            .increment()
    }

    /// Events parked in the store now, waiting to be re-delivered by hand.
    func parkedEvents(_ count: Int) {
        self.gauge("leadrouter_webhook_parked_events", help: "Webhook events parked in the store, waiting for a retry by hand").set(Double(count))
    }

    /// Offers the sweeper expired, by what their re-route gave.
    func offersExpired(_ outcomes: [CommitOutcome]) {
        for outcome in outcomes {
            self.counter(
                "leadrouter_offers_expired_total",
                help: "Offers expired after the SLA, by the re-route's status",
                labels: [("status", outcome.decision.status.rawValue)]
            ).increment()
        }
    }

    /// One round of the retry queue: leads retried by the new status, and leads dead-lettered.
    func retryRound(_ round: LeadLifecycle.RetryRound) {
        for outcome in round.outcomes {
            self.counter(
                "leadrouter_route_retries_total",
                help: "Retries of unroutable leads from the retry queue, by the new status",
                labels: [("status", outcome.decision.status.rawValue)]
            ).increment()
        }
        if !round.deadLettered.isEmpty {
            self.counter("leadrouter_dead_letters_total", help: "Leads that gave up retrying (needs_attention)", labels: [])
                .increment(by: Int64(round.deadLettered.count))
        }
    }

    /// The retry queue as the store holds it now.
    func retryQueue(_ stats: RetryQueueStats, nowMillis: Int64) {
        self.gauge("leadrouter_retry_queue_depth", help: "Unroutable leads waiting in the retry queue").set(Double(stats.depth))
        self.gauge("leadrouter_retry_queue_oldest_age_seconds", help: "Age of the oldest lead waiting in the retry queue")
            .set(stats.oldestReceivedAtMillis.map { Double(max(0, nowMillis - $0)) / 1000 } ?? 0)
        self.gauge("leadrouter_needs_attention_leads", help: "Leads waiting for a person after giving up retrying")
            .set(Double(stats.deadLettered))
    }

    /// Whether this process runs the singleton `job` now (it holds the job's lease).
    func jobLeader(_ job: String, leading: Bool) {
        self.labelledGauge(
            "leadrouter_job_leader",
            help: "1 while this replica runs the singleton job (holds its lease), by job",
            labels: [("job", job)]
        )
        .set(leading ? 1.0 : 0.0)
    }

    /// One poll of the load feed: agents whose view changed because another process changed the store.
    func loadFeedPolled(_ poll: AgentLoadFeed.Poll) {
        let counter = self.counter(
            "leadrouter_load_feed_agents_changed_total",
            help: "Agents whose load view was corrected from the store (changes committed by other processes)",
            labels: []
        )
        if poll.changedAgents > 0 { counter.increment(by: Int64(poll.changedAgents)) }
    }

    /// A poll of the load feed that could not read the store.
    func loadFeedFailed() {
        self.counter("leadrouter_load_feed_failures_total", help: "Polls of the load feed that failed to read the store", labels: []).increment()
    }

    /// A rebalance plan computed (by the API or the periodic job): its time, its moves and what it gains.
    func rebalancePlanned(_ plan: RebalancePlan, trigger: String, duration: Duration) {
        self.histogram(
            "leadrouter_rebalance_plan_duration_seconds",
            help: "Time to read the store, build, solve and keep a rebalance plan, by trigger",
            labels: [("trigger", trigger)],
            buckets: [.milliseconds(10), .milliseconds(100), .seconds(1), .seconds(10), .seconds(60)]
        ).record(duration)
        self.counter("leadrouter_rebalance_plans_total", help: "Rebalance plans computed, by trigger", labels: [("trigger", trigger)]).increment()
        self.gauge("leadrouter_rebalance_planned_moves", help: "Moves in the latest rebalance plan").set(Double(plan.moves.count))
        self.gauge("leadrouter_rebalance_objective_gain", help: "Objective gain of the latest rebalance plan over moving nothing (score units)")
            .set(Double(plan.objectiveBefore - plan.objective) / Double(RebalanceNetwork.costScale))
    }

    /// A rebalance plan applied: moves applied and skipped (by reason).
    func rebalanceApplied(_ report: RebalanceApplyReport) {
        if !report.applied.isEmpty {
            self.counter(
                "leadrouter_rebalance_moves_total",
                help: "Rebalance moves by outcome and skip reason",
                labels: [("outcome", "applied"), ("reason", "none")]
            )
            .increment(by: Int64(report.applied.count))
        }
        var skipped: [String: Int] = [:]
        for record in report.skipped { skipped[record.reason?.rawValue ?? "unknown", default: 0] += 1 }
        for (reason, count) in skipped {
            self.counter(
                "leadrouter_rebalance_moves_total",
                help: "Rebalance moves by outcome and skip reason",
                labels: [("outcome", "skipped"), ("reason", reason)]
            ).increment(by: Int64(count))
        }
    }

    /// One HTTP request by route template, method and status.
    func http(route: String, method: String, status: Int, duration: Duration) {
        self.counter(
            "leadrouter_http_requests_total",
            help: "HTTP requests by route, method and status",
            labels: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        self.histogram(
            "leadrouter_http_request_duration_seconds",
            help: "HTTP request latency by route and method",
            labels: [("route", route), ("method", method)]
        ).record(duration)
    }

    /// The Prometheus text exposition, with the graph age brought up to date.
    func render() -> [UInt8] {
        if let loadedAt = self.graphLoadedAt.withLock({ $0 }) {
            let age = loadedAt.duration(to: .now)
            self.graphAge.set(Double(age.components.seconds) + Double(age.components.attoseconds) * 1e-18)
        }
        return self.registry.emitToBuffer()
    }

    private func gauge(_ name: String, help: String) -> Gauge {
        if let gauge = self.gauges.withLock({ $0[name] }) { return gauge }
        let gauge = self.registry.makeGauge(descriptor: .init(metricName: name, unitName: "", helpText: help))
        self.gauges.withLock { $0[name] = gauge }
        return gauge
    }

    private func labelledGauge(_ name: String, help: String, labels: [(String, String)]) -> Gauge {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        if let gauge = self.gauges.withLock({ $0[key] }) { return gauge }
        let gauge = self.registry.makeGauge(descriptor: .init(metricName: name, unitName: "", helpText: help), labels: labels)
        self.gauges.withLock { $0[key] = gauge }
        return gauge
    }

    private func counter(_ name: String, help: String, labels: [(String, String)]) -> Counter {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        if let counter = self.counters.withLock({ $0[key] }) { return counter }
        let counter = self.registry.makeCounter(
            descriptor: .init(metricName: name, unitName: "", helpText: help),
            labels: labels
        )
        self.counters.withLock { $0[key] = counter }
        return counter
    }

    private func histogram(
        _ name: String,
        help: String,
        labels: [(String, String)],
        buckets: [Duration] = ServiceMetrics.latencyBuckets
    ) -> DurationHistogram {
        let key = name + labels.map { "|\($0.0)=\($0.1)" }.joined()
        if let histogram = self.histograms.withLock({ $0[key] }) { return histogram }
        let histogram = self.registry.makeDurationHistogram(
            descriptor: .init(metricName: name, unitName: "", helpText: help),
            labels: labels,
            buckets: buckets
        )
        self.histograms.withLock { $0[key] = histogram }
        return histogram
    }
}
