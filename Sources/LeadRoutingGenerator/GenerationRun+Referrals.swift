import LeadRoutingCore

/// Phase 5: the referral network, streamed one sender at a time.
extension GenerationRun {
    /// Tail index of the out-degree distribution (Lomax): the top 1 % of senders send roughly a fifth of rows.
    static let outDegreeAlpha = 1.5
    /// Most distinct partners one agent refers to (also at most a quarter of the agents, at least 50),
    /// unless the requested total needs more.
    static let softMaximumPartners = 2000
    /// Share of referrals aimed inside the sender's brokerage, and inside brokerage-or-nearby.
    static let withinBrokerageShare = 0.80
    static let withinBrokerageOrNearbyShare = 0.95

    /// Splits `total` referral rows over the agents: Lomax weights, rounded by cumulative sums so the
    /// degrees add up to exactly `total`, capped (by water-filling) so nobody needs more partners than allowed.
    static func outDegrees(agents n: Int, total: Int, activity: (Int) -> Double, random: inout SeededRandom) -> [Int32] {
        var degrees = [Int32](repeating: 0, count: n)
        guard n > 1, total > 0 else { return degrees }
        var weights = [Double](repeating: 0, count: n)
        for i in 0..<n {
            // Lomax (Pareto shifted to start at 0): many agents rarely or never refer, a few refer a lot.
            weights[i] = (random.pareto(minimum: 1, alpha: Self.outDegreeAlpha) - 1) * activity(i)
        }
        var cap = min(n - 1, Self.softMaximumPartners, max(50, n / 4))
        let (room, overflowed) = cap.multipliedReportingOverflow(by: n)
        if !overflowed && room < total { cap = n - 1 }
        // Water-filling: agents whose share exceeds the cap are fixed at the cap and the rest of the rows are
        // shared again, by weight, among the others, until nobody is over.
        var capped = [Bool](repeating: false, count: n)
        var cappedCount = 0
        while cappedCount < n {
            let remaining = total - cappedCount * cap
            var sum = 0.0
            for i in 0..<n where !capped[i] { sum += weights[i] }
            if sum <= 0 {
                // Only zero-weight agents are left: share equally.
                for i in 0..<n where !capped[i] { weights[i] = 1 }
                sum = Double(n - cappedCount)
            }
            var cumulative = 0.0
            var previous = 0
            var newlyCapped = 0
            var lastUncapped = n - 1
            while capped[lastUncapped] { lastUncapped -= 1 }
            for i in 0..<n {
                if capped[i] {
                    degrees[i] = Int32(cap)
                    continue
                }
                cumulative += weights[i]
                var upTo = i == lastUncapped ? remaining : Int((cumulative / sum * Double(remaining)).rounded(.down))
                upTo = min(remaining, max(previous, upTo))
                let degree = upTo - previous
                previous = upTo
                degrees[i] = Int32(min(degree, cap))
                if degree > cap { newlyCapped += 1 }
            }
            if newlyCapped == 0 { break }
            for i in 0..<n where !capped[i] && Int(degrees[i]) >= cap {
                capped[i] = true
                cappedCount += 1
            }
        }
        return degrees
    }

    mutating func referralsPhase<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void
    ) throws {
        let file = GeneratedFile.dataset(.referrals)
        var writer = self.startFile(file)
        var random = self.random(.referrals)
        let n = self.configuration.agents
        let total = self.configuration.referrals
        // Agents in bigger brokerages have more colleagues to send clients to, and send more.
        let meanBrokerageSize = Double(n) / Double(max(1, self.brokerageTerritory.count))
        // National shape: a few hubs with a fixed, very large out-degree; the other rows are shared as usual.
        let shape = self.configuration.shape
        let hubDegree = shape.hubOutDegree(agents: n, referrals: total)
        var isHub = [Bool](repeating: false, count: hubDegree > 0 ? n : 0)
        var hubs = 0
        while hubDegree > 0 && hubs < shape.hubCount(agents: n) {
            let hub = random.int(below: n)
            if !isHub[hub] {
                isHub[hub] = true
                hubs += 1
            }
        }
        var degrees = Self.outDegrees(
            agents: n,
            total: total - hubs * hubDegree,
            activity: { agent in
                if hubs > 0 && isHub[agent] { return 0 }
                let brokerage = Int(self.agentBrokerage[agent])
                let size = Double(self.brokerageMemberStart[brokerage + 1] - self.brokerageMemberStart[brokerage])
                return (size / meanBrokerageSize).squareRoot()
            },
            random: &random
        )
        if hubs > 0 {
            for agent in 0..<n where isHub[agent] { degrees[agent] = Int32(min(n - 1, Int(degrees[agent]) + hubDegree)) }
        }
        // lastSender[a] == s means agent a is already a target of sender s (no duplicate pairs, no self-pairs).
        var lastSender = [Int32](repeating: -1, count: n)
        var rows = 0
        let truth = self.truth

        for sender in 0..<n {
            let degree = Int(degrees[sender])
            if degree == 0 { continue }
            lastSender[sender] = Int32(sender)
            let home = Int(self.agentHome[sender])
            let homeX = self.grid.gridX[home]
            let homeY = self.grid.gridY[home]
            let brokerage = Int(self.agentBrokerage[sender])
            let memberStart = Int(self.brokerageMemberStart[brokerage])
            let memberCount = Int(self.brokerageMemberStart[brokerage + 1]) - memberStart
            var usedInBrokerage = 0

            for _ in 0..<degree {
                var target = -1
                let mode = random.uniform()
                // Inside the brokerage: pick a colleague, preferring the more skilled of two.
                if mode < Self.withinBrokerageShare && usedInBrokerage < memberCount - 1 {
                    for _ in 0..<8 {
                        let m = Int(self.brokerageMembers[memberStart + random.int(below: memberCount)])
                        if lastSender[m] != Int32(sender) {
                            target = m
                            break
                        }
                    }
                    if target >= 0 {
                        let other = Int(self.brokerageMembers[memberStart + random.int(below: memberCount)])
                        if lastSender[other] != Int32(sender) && self.agentSkill[other] > self.agentSkill[target]
                            && random.bernoulli(0.7)
                        {
                            target = other
                        }
                    }
                }
                // Nearby: someone living within two cells.
                if target < 0 && mode < Self.withinBrokerageOrNearbyShare {
                    for _ in 0..<8 {
                        let m = Int(self.randomAgent(near: home, radius: 2, random: &random))
                        if m >= 0 && lastSender[m] != Int32(sender) {
                            target = m
                            break
                        }
                    }
                }
                // Anywhere.
                if target < 0 {
                    for _ in 0..<8 {
                        let m = random.int(below: n)
                        if lastSender[m] != Int32(sender) {
                            target = m
                            break
                        }
                    }
                }
                // Dense corner cases (tiny networks): scan for the next free agent.
                if target < 0 {
                    var m = random.int(below: n)
                    while lastSender[m] == Int32(sender) { m = m + 1 == n ? 0 : m + 1 }
                    target = m
                }
                lastSender[target] = Int32(sender)

                let sameBrokerage = Int(self.agentBrokerage[target]) == brokerage
                if sameBrokerage { usedInBrokerage += 1 }
                let trust: Double
                if sameBrokerage {
                    trust = truth.trustWithinBrokerage
                } else {
                    let targetHome = Int(self.agentHome[target])
                    let near = abs(self.grid.gridX[targetHome] - homeX) <= 2 && abs(self.grid.gridY[targetHome] - homeY) <= 2
                    trust = near ? truth.trustNearby : truth.trustOther
                }
                // Sent: at least one, heavy-tailed (colleagues exchange more); closed by the receiver's skill.
                let sent = random.zipf(alpha: sameBrokerage ? 1.5 : 2.0, maximum: 500)
                let probability = truth.conversionProbability(
                    skill: self.agentSkill[target],
                    match: truth.historyMatch,
                    referralTrust: trust,
                    responsiveness: Double(self.agentResponsiveness[target])
                )
                let closed = random.binomial(trials: sent, probability: probability)

                self.appendAgentID(&writer, sender)
                writer.comma()
                self.appendAgentID(&writer, target)
                writer.comma()
                writer.appendInt(sent)
                writer.comma()
                writer.appendInt(closed)
                writer.endRow()
                rows += 1
                if rows % Self.progressInterval == 0 { progress(.referrals, rows, total) }
            }
            try self.flushIfFull(&writer, file, &sink)
        }
        try self.finish(&writer, file, &sink)
        self.summary.referrals = rows
        progress(.referrals, total, total)
    }
}
