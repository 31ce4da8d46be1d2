/// One run in progress: the event queue, the lifecycle under test and the tallies. Events are handled one at a time
/// in time order; each moves the clock and calls the lifecycle like a user or the service's sweeper would.
struct SimulationState {
    enum Event {
        case arrival(Lead)
        case answer(leadId: String, agentId: String, accept: Bool)
        case close(leadId: String, agentId: String, won: Bool)
        case sweep
        case retry
        /// The end of a batch window: the per-batch optimum assigns the leads held since the last one.
        case batch
    }

    let simulation: Simulation
    let arm: SimulationArm
    let replication: Int
    let seed: UInt64
    let clock: SimulationClock
    let lifecycle: LeadLifecycle
    let recorder: CandidateRecorder
    let endMillis: Int64
    var queue = SimulationEventQueue<Event>()
    var leads: [String: Lead] = [:]
    var arrivedAt: [String: Int64] = [:]
    var offersPerLead: [String: Int] = [:]
    var contacted: Set<String> = []
    var run: SimulationRun
    var offersByAgent: [Int]
    var firstContactMinutes = 0.0
    /// Offers whose answer never comes (they will expire) and leads waiting in the retry queue: the sweeps skip the
    /// store while these are zero, since they would find nothing.
    var offersToExpire = 0
    var unroutableLeads = 0
    /// A close freed a slot since the last retry round: the next sweep tries the head of the retry queue.
    var capacityFreed = false
    /// Per agent: the sum of the true conversion probabilities of the leads they closed, and how many they closed.
    var trueRateSum: [Double]
    var closesByAgent: [Int]
    /// Per referral edge (CSR position) with closes of referred leads: how many, and the sum of their true conversion
    /// probabilities (sparse: few edges carry referred leads).
    var referralCloses: [Int: (closes: Int, trueRateSum: Double)] = [:]
    /// The true probability each accepted lead was worked at, until it closes.
    var workedAt: [String: Double] = [:]
    /// An A/B test's split, and the policy each of its leads went to.
    let abTest: SimulationABTest?
    var abArm: [String: Int] = [:]
    /// The per-batch optimum's ordering (nil for any other arm), the leads it holds until the window ends, and the
    /// deep router and workspace that find their eligible agents.
    let batchOrdering: BatchAssignmentOrdering?
    var heldLeads: [Lead] = []
    var batchRanking: (router: Router, workspace: RoutingWorkspace)?

    init(simulation: Simulation, arm: SimulationArm, replication: Int, store: any LeadStore) async throws {
        let configuration = simulation.configuration
        let projection = simulation.projection
        self.simulation = simulation
        self.arm = arm
        self.replication = replication
        self.seed = simulation.seed(replication: replication)
        self.clock = SimulationClock(startMillis: configuration.startMillis)
        self.endMillis = configuration.startMillis + Int64(Double(configuration.days) * SimulationConfiguration.millisPerDay)
        var inner: (any CandidateOrdering)? = nil
        var routerChoice: (any LeadRouterChoice)? = nil
        var tallies: [SimulationABTally]? = nil
        switch arm.kind {
        case .baseline(let baseline):
            inner = baseline.ordering(projection: projection, truth: simulation.truth, seed: self.seed)
            self.abTest = nil
        case .abTest(let test):
            routerChoice = ABTestRouterChoice(test: test, projection: projection)
            tallies = test.arms.map { SimulationABTally(arm: $0.name) }
            self.abTest = test
        case .policy:
            self.abTest = nil
        }
        self.recorder = CandidateRecorder(inner: inner, projection: projection)
        self.batchOrdering = inner as? BatchAssignmentOrdering
        let router = Router(projection: projection, policy: arm.routingPolicy)
        self.batchRanking = self.batchOrdering == nil ? nil : (router.ranking(depth: Self.rankingDepth), router.makeWorkspace())
        self.lifecycle = LeadLifecycle(
            router: router,
            store: store,
            clock: self.clock,
            configuration: .init(
                // Deep enough for the baselines to choose among (nearly) every eligible agent and for starvation to
                // see who was passed over; explaining every candidate of a large graph would dominate the run.
                rankingDepth: Self.rankingDepth,
                offerSLAMillis: Int64(configuration.offerSLAMinutes * SimulationConfiguration.millisPerMinute)
            ),
            ordering: self.recorder,
            routerChoice: routerChoice
        )
        self.run = SimulationRun(
            arm: arm.name,
            replication: replication,
            arrivals: 0,
            unroutableAtArrival: 0,
            offers: 0,
            declines: 0,
            slaBreaches: 0,
            accepted: 0,
            conversions: 0,
            losses: 0,
            expectedConversions: 0,
            meanFirstContactMinutes: 0,
            loadGini: 0,
            loadJain: 1,
            eligibleAgents: 0,
            starvedAgents: 0,
            conversionsByDay: [Int](repeating: 0, count: configuration.days),
            acceptedByAgent: [Int](repeating: 0, count: projection.agentCount),
            learningAgents: 0,
            priorError: 0,
            learnedError: 0,
            abTest: tallies
        )
        self.trueRateSum = [Double](repeating: 0, count: projection.agentCount)
        self.closesByAgent = [Int](repeating: 0, count: projection.agentCount)
        self.offersByAgent = [Int](repeating: 0, count: projection.agentCount)
        for (at, lead) in simulation.arrivals(replication: replication) { self.queue.schedule(.arrival(lead), atMillis: at) }
        let start = configuration.startMillis
        self.queue.schedule(.sweep, atMillis: start + Int64(configuration.sweepMinutes * SimulationConfiguration.millisPerMinute))
        self.queue.schedule(.retry, atMillis: start + Int64(configuration.retryMinutes * SimulationConfiguration.millisPerMinute))
        if self.batchOrdering != nil {
            self.queue.schedule(.batch, atMillis: start + Int64(configuration.batchMinutes * SimulationConfiguration.millisPerMinute))
        }
        try await self.lifecycle.start()
    }

    /// How many eligible candidates each decision ranks.
    static let rankingDepth = 100

    mutating func runToEnd() async throws {
        while let next = self.queue.next(), next.atMillis < self.endMillis {
            self.clock.advance(to: next.atMillis)
            try await self.handle(next.event, at: next.atMillis)
        }
    }

    private mutating func handle(_ event: Event, at: Int64) async throws {
        let configuration = self.simulation.configuration
        switch event {
        case .arrival(let lead):
            self.leads[lead.id] = lead
            self.arrivedAt[lead.id] = at
            self.run.arrivals += 1
            if let test = self.abTest { self.abArm[lead.id] = test.arm(of: lead.id) }
            self.tally(lead.id) { $0.arrivals += 1 }
            if self.batchOrdering != nil {
                self.heldLeads.append(lead)
            } else {
                try await self.routeArrived(lead, at: at)
            }
        case .answer(let leadId, let agentId, let accept):
            if accept {
                try await self.accept(leadId: leadId, agentId: agentId, at: at)
            } else {
                self.run.declines += 1
                self.offered(try await self.lifecycle.decline(leadId: leadId, agentId: agentId), at: at)
            }
        case .close(let leadId, let agentId, let won):
            _ = try await self.lifecycle.close(leadId: leadId, agentId: agentId, won: won)
            self.capacityFreed = true
            if let agent = self.simulation.projection.agent(agentId), let p = self.workedAt.removeValue(forKey: leadId) {
                self.trueRateSum[Int(agent)] += p
                self.closesByAgent[Int(agent)] += 1
                // A referred lead's close on the direct edge from its source (the edge the lifecycle learns on).
                if let source = self.leads[leadId]?.sourceAgentId {
                    for edge in self.simulation.projection.referralEdges(from: source, to: agentId) {
                        self.referralCloses[edge, default: (0, 0)].closes += 1
                        self.referralCloses[edge, default: (0, 0)].trueRateSum += p
                    }
                }
            }
            if won {
                self.run.conversions += 1
                self.tally(leadId) { $0.conversions += 1 }
                let day = Int(Double(at - configuration.startMillis) / SimulationConfiguration.millisPerDay)
                self.run.conversionsByDay[min(day, configuration.days - 1)] += 1
            } else {
                self.run.losses += 1
            }
        case .sweep:
            if self.offersToExpire > 0 {
                let (expired, _) = try await self.lifecycle.sweep(retry: false)
                self.offersToExpire = max(0, self.offersToExpire - expired.count)
                self.run.slaBreaches += expired.count
                for outcome in expired {
                    self.tally(outcome.decision.leadId) { $0.slaBreaches += 1 }
                    self.offered(outcome, at: at)
                }
            }
            if self.capacityFreed { try await self.retryQueuedLeads(scheduled: false, at: at) }
            self.queue.schedule(.sweep, atMillis: at + Int64(configuration.sweepMinutes * SimulationConfiguration.millisPerMinute))
        case .retry:
            try await self.retryQueuedLeads(scheduled: true, at: at)
            self.queue.schedule(.retry, atMillis: at + Int64(configuration.retryMinutes * SimulationConfiguration.millisPerMinute))
        case .batch:
            try await self.routeHeldLeads(at: at)
            self.queue.schedule(.batch, atMillis: at + Int64(configuration.batchMinutes * SimulationConfiguration.millisPerMinute))
        }
    }

    /// A lead's first routing (on arrival, or at the end of its batch window).
    private mutating func routeArrived(_ lead: Lead, at: Int64) async throws {
        let outcome = try await self.lifecycle.route(lead)
        if outcome.decision.status == .unroutable {
            self.run.unroutableAtArrival += 1
            self.tally(lead.id) { $0.unroutableAtArrival += 1 }
        }
        self.offered(outcome, at: at)
    }

    /// The per-batch optimum at the end of a window: the held leads' eligible agents and true conversion
    /// probabilities at the current loads, the best assignment of the whole batch within the agents' free capacity,
    /// then each lead offered to its agent through the lifecycle (assigned leads first, in arrival order; a lead the
    /// assignment left out falls to the oracle's order among what is left). The leads waited for the window: that
    /// wait counts in their time to first contact, the price of batching.
    private mutating func routeHeldLeads(at: Int64) async throws {
        guard let ordering = self.batchOrdering, var ranking = self.batchRanking, !self.heldLeads.isEmpty else { return }
        // Taken out while in use, so that routing writes the workspace in place instead of copying it.
        self.batchRanking = nil
        let batch = self.heldLeads
        self.heldLeads = []
        let projection = self.simulation.projection
        let load = self.lifecycle.loads.snapshot
        var options: [[BatchAssignment.Option]] = []
        var free: [Int32: Int] = [:]
        for lead in batch {
            let decision = ranking.router.route(lead, load: load, workspace: &ranking.workspace)
            var leadOptions: [BatchAssignment.Option] = []
            for candidate in decision.status == .routed ? decision.candidates : [] {
                guard let agent = projection.agent(candidate.agentId) else { continue }
                let open = Int(load.openLeads[Int(agent)])
                let capacity = Int(projection.agentCapacity[Int(agent)])
                free[agent] = max(0, capacity - open)
                let p = self.simulation.truth.conversionProbability(lead: lead, agent: agent, openLeads: open + 1, capacity: capacity)
                leadOptions.append(BatchAssignment.Option(agent: agent, value: p))
            }
            options.append(leadOptions)
        }
        self.batchRanking = ranking
        let assignment = try BatchAssignment(options: options, freeCapacity: free)
        var order: [Lead] = []
        var leftOut: [Lead] = []
        for (lead, agent) in zip(batch, assignment.agents) {
            if let agent {
                ordering.assign(lead.id, to: projection.agentIds[Int(agent)])
                order.append(lead)
            } else {
                leftOut.append(lead)
            }
        }
        for lead in order + leftOut { try await self.routeArrived(lead, at: at) }
    }

    /// One round of the store's retry queue, as the service runs it: every `retryMinutes` the leads whose attempt is
    /// due (the service's default backoff; after its maximum attempts a lead is dead-lettered and waits no more), and
    /// at the next sweep after capacity freed the head of the queue, without spending an attempt.
    private mutating func retryQueuedLeads(scheduled: Bool, at: Int64) async throws {
        self.capacityFreed = false
        guard self.unroutableLeads > 0 else { return }
        let round = try await self.lifecycle.retryQueuedLeads(limit: scheduled ? 100 : 20, ignoringSchedule: !scheduled)
        self.unroutableLeads -= round.deadLettered.count
        for outcome in round.outcomes where outcome.decision.status == .routed {
            self.unroutableLeads -= 1
            self.offered(outcome, at: at)
        }
    }

    /// A new offer (from a route, re-route or retry): draws whether and when the agent answers.
    private mutating func offered(_ outcome: CommitOutcome, at: Int64) {
        if outcome.decision.status == .unroutable { self.unroutableLeads += 1 }
        guard outcome.disposition != .replayed, let assignment = outcome.assignment, assignment.state == .offered,
            let agent = self.simulation.projection.agent(assignment.agentId), let lead = self.leads[assignment.leadId]
        else { return }
        self.run.offers += 1
        self.tally(lead.id) { $0.offers += 1 }
        self.offersByAgent[Int(agent)] += 1
        let number = self.offersPerLead[lead.id, default: 0] + 1
        self.offersPerLead[lead.id] = number
        var random = SeededRandom(seed: self.seed, key: "answer/\(lead.id)/\(number)")
        let truth = self.simulation.truth
        let (open, capacity) = self.load(of: agent)
        let accept = random.uniform() < truth.acceptProbability(lead: lead, agent: agent, openLeads: open, capacity: capacity)
        let minutes = random.exponential(mean: truth.meanResponseMinutes(agent: agent))
        // An answer after the SLA never comes: the sweep expires the offer first.
        guard minutes < self.simulation.configuration.offerSLAMinutes else {
            self.offersToExpire += 1
            return
        }
        self.queue.schedule(
            .answer(leadId: lead.id, agentId: assignment.agentId, accept: accept),
            atMillis: at + Int64(minutes * SimulationConfiguration.millisPerMinute)
        )
    }

    private mutating func accept(leadId: String, agentId: String, at: Int64) async throws {
        guard let lead = self.leads[leadId], let agent = self.simulation.projection.agent(agentId) else { return }
        let record = try await self.lifecycle.accept(leadId: leadId, agentId: agentId)
        guard record.state == .accepted, record.updatedAtMillis == at else { return }
        self.run.accepted += 1
        self.run.acceptedByAgent[Int(agent)] += 1
        if self.contacted.insert(leadId).inserted, let arrived = self.arrivedAt[leadId] {
            let minutes = Double(at - arrived) / SimulationConfiguration.millisPerMinute
            self.firstContactMinutes += minutes
            self.tally(leadId) { tally in
                tally.contacted += 1
                tally.firstContactMinutesTotal += minutes
            }
        }
        let (open, capacity) = self.load(of: agent)
        let p = self.simulation.truth.conversionProbability(lead: lead, agent: agent, openLeads: open, capacity: capacity)
        self.run.expectedConversions += p
        self.tally(leadId) { tally in
            tally.accepted += 1
            tally.expectedConversions += p
        }
        self.workedAt[leadId] = p
        // One uniform per lead, whoever works it: a better agent wins every lead a worse one would have won.
        var luck = SeededRandom(seed: self.seed, key: "close/\(leadId)")
        let won = luck.uniform() < p
        let configuration = self.simulation.configuration
        let days = luck.exponential(mean: won ? configuration.meanDaysToWin : configuration.meanDaysToLose)
        self.queue.schedule(.close(leadId: leadId, agentId: agentId, won: won), atMillis: at + Int64(days * SimulationConfiguration.millisPerDay))
    }

    /// Updates the A/B tally of the policy `leadId` went to; nothing outside an A/B test.
    private mutating func tally(_ leadId: String, _ change: (inout SimulationABTally) -> Void) {
        guard let arm = self.abArm[leadId], var tallies = self.run.abTest else { return }
        change(&tallies[arm])
        self.run.abTest = tallies
    }

    private func load(of agent: Int32) -> (open: Int, capacity: Int) {
        (Int(self.lifecycle.loads.snapshot.openLeads[Int(agent)]), Int(self.simulation.projection.agentCapacity[Int(agent)]))
    }

    /// The tallies, with the load and starvation figures computed over the agents ever eligible.
    func result() -> SimulationRun {
        var run = self.run
        run.meanFirstContactMinutes = self.contacted.isEmpty ? 0 : self.firstContactMinutes / Double(self.contacted.count)
        let (eligible, passedOver) = self.recorder.recorded
        var loads: [Double] = []
        var starved = 0
        for agent in eligible.indices where eligible[agent] {
            loads.append(Double(run.acceptedByAgent[agent]))
            if passedOver[agent] && self.offersByAgent[agent] == 0 { starved += 1 }
        }
        run.eligibleAgents = loads.count
        run.loadGini = LoadFairness.gini(loads)
        run.loadJain = LoadFairness.jain(loads)
        run.starvedAgents = starved
        let router = self.lifecycle.router
        let learned = self.lifecycle.loads.snapshot
        let history = AgentLoadTable(projection: self.simulation.projection)
        var priorError = 0.0
        var learnedError = 0.0
        for agent in self.closesByAgent.indices where self.closesByAgent[agent] >= SimulationRun.learningMinimumCloses {
            let truth = self.trueRateSum[agent] / Double(self.closesByAgent[agent])
            priorError += abs(router.performancePosterior(of: Int32(agent), load: history).mean - truth)
            learnedError += abs(router.performancePosterior(of: Int32(agent), load: learned).mean - truth)
            run.learningAgents += 1
        }
        if run.learningAgents > 0 {
            run.priorError = priorError / Double(run.learningAgents)
            run.learnedError = learnedError / Double(run.learningAgents)
        }
        var referralPriorError = 0.0
        var referralLearnedError = 0.0
        // In edge order: the sums are the same on every run of the same seed.
        for edge in self.referralCloses.keys.sorted() {
            guard let closes = self.referralCloses[edge], closes.closes >= SimulationRun.referralLearningMinimumCloses else { continue }
            let truth = closes.trueRateSum / Double(closes.closes)
            referralPriorError += abs(router.referralEdgeMean(edge, load: history) - truth)
            referralLearnedError += abs(router.referralEdgeMean(edge, load: learned) - truth)
            run.referralLearningEdges += 1
        }
        if run.referralLearningEdges > 0 {
            run.referralPriorError = referralPriorError / Double(run.referralLearningEdges)
            run.referralLearnedError = referralLearnedError / Double(run.referralLearningEdges)
        }
        var responsePriorError = 0.0
        var responseLearnedError = 0.0
        for agent in learned.acceptedOffers.indices where learned.acceptedOffers[agent] >= SimulationRun.responseLearningMinimumAccepts {
            let prior = router.responseMinutesEstimate(of: Int32(agent), load: history)
            guard !prior.isNaN else { continue }
            let truth = self.simulation.truth.meanResponseMinutes(agent: Int32(agent))
            responsePriorError += abs(prior - truth)
            responseLearnedError += abs(router.responseMinutesEstimate(of: Int32(agent), load: learned) - truth)
            run.responseLearningAgents += 1
        }
        if run.responseLearningAgents > 0 {
            run.responsePriorError = responsePriorError / Double(run.responseLearningAgents)
            run.responseLearnedError = responseLearnedError / Double(run.responseLearningAgents)
        }
        return run
    }
}
