import LeadRoutingCore

/// Phase 4: agents, their coverage, and their hidden skill and brokerage.
extension GenerationRun {
    /// Non-English languages agents speak, with the share of agents who speak each (Spanish comes from the metro).
    static func agentLanguages(spanishShare: Double) -> [(code: String, share: Double)] {
        [
            ("es", spanishShare), ("zh", 0.06), ("ko", 0.03), ("vi", 0.025), ("ru", 0.03), ("pt", 0.02),
            ("hi", 0.03), ("ar", 0.015), ("fr", 0.02), ("pl", 0.015), ("tl", 0.015), ("ht", 0.01),
        ]
    }

    /// How many extra territories (beyond home) an agent covers: 0–7.
    static let extraCoverageWeights: [Double] = [0.12, 0.18, 0.20, 0.17, 0.13, 0.09, 0.06, 0.05]

    mutating func agentsPhase<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void
    ) throws {
        let agentsFile = GeneratedFile.dataset(.agents)
        let coverageFile = GeneratedFile.dataset(.coverage)
        var agents = self.startFile(agentsFile)
        var coverage = self.startFile(coverageFile)
        var skills = self.startFile(.agentSkill)
        var memberships = self.startFile(.agentBrokerage)
        var random = self.random(.agents)

        let n = self.configuration.agents
        let metro = self.configuration.metro
        let stateCodes = metro.stateCodes
        let languages = Self.agentLanguages(spanishShare: metro.spanishShare)
        let median = metro.medianHomePrice
        self.agentHome = [Int32](repeating: 0, count: n)
        self.agentBrokerage = [Int32](repeating: 0, count: n)
        self.agentSkill = [Double](repeating: 0, count: n)
        self.agentResponsiveness = [Float](repeating: 0, count: n)

        var candidates: [(distance: Double, territory: Int32, weight: Double)] = []
        var chosen: [(distance: Double, territory: Int32, weight: Double)] = []
        var spoken: [String] = []
        var coverageRows = 0

        for agent in 0..<n {
            // Brokerage by size; home near its office.
            let brokerage = self.brokerageTable!.sample(using: &random)
            let office = Int(self.brokerageTerritory[brokerage])
            let spread = self.brokerageSpread[brokerage]
            var home = office
            for _ in 0..<6 {
                let t = self.grid.territory(
                    x: Int(self.grid.gridX[office]) + Int((random.normal() * spread).rounded()),
                    y: Int(self.grid.gridY[office]) + Int((random.normal() * spread).rounded())
                )
                if t >= 0 {
                    home = Int(t)
                    break
                }
            }
            self.agentHome[agent] = Int32(home)
            self.agentBrokerage[agent] = Int32(brokerage)

            let skill = random.normal()
            self.agentSkill[agent] = skill

            // Coverage: home (1.0) plus 0–7 territories within two cells, nearer ones more likely and heavier.
            candidates.removeAll(keepingCapacity: true)
            let hx = Int(self.grid.gridX[home])
            let hy = Int(self.grid.gridY[home])
            for dy in -2...2 {
                for dx in -2...2 where dx != 0 || dy != 0 {
                    let t = self.grid.territory(x: hx + dx, y: hy + dy)
                    if t < 0 { continue }
                    let ex = self.grid.xKm[Int(t)] - self.grid.xKm[home]
                    let ny = self.grid.yKm[Int(t)] - self.grid.yKm[home]
                    let distance = (ex * ex + ny * ny).squareRoot()
                    candidates.append((distance, t, PortableMath.exp(-distance / 2.5)))
                }
            }
            let extra = min(random.index(weights: Self.extraCoverageWeights), candidates.count)
            chosen.removeAll(keepingCapacity: true)
            for _ in 0..<extra {
                var total = 0.0
                for candidate in candidates { total += candidate.weight }
                var target = random.uniform() * total
                var pick = candidates.count - 1
                for (index, candidate) in candidates.enumerated() {
                    target -= candidate.weight
                    if target < 0 {
                        pick = index
                        break
                    }
                }
                chosen.append(candidates.remove(at: pick))
            }
            // National shape: sometimes one of the busiest territories too, wherever it is.
            if let hotTable = self.hotTable, random.bernoulli(self.hotCoverageProbability) {
                let hot = self.hotTerritories[hotTable.sample(using: &random)]
                if Int(hot) != home && !chosen.contains(where: { $0.territory == hot }) {
                    let ex = self.grid.xKm[Int(hot)] - self.grid.xKm[home]
                    let ny = self.grid.yKm[Int(hot)] - self.grid.yKm[home]
                    chosen.append(((ex * ex + ny * ny).squareRoot(), hot, 0))
                }
            }
            chosen.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.territory < $1.territory }

            // Licences: the covered territories' states; 10 % hold one more metro licence; 3 % miss one.
            var licensed = [Bool](repeating: false, count: stateCodes.count + metro.nearbyStates.count)
            let homeState = Int(self.grid.stateIndex[home])
            licensed[homeState] = true
            for item in chosen { licensed[Int(self.grid.stateIndex[Int(item.territory)])] = true }
            if stateCodes.count > 1 && random.bernoulli(0.10) {
                licensed[random.int(below: stateCodes.count)] = true
            }
            if random.bernoulli(0.03) {
                let others = (0..<stateCodes.count).filter { $0 != homeState && licensed[$0] }
                if !others.isEmpty {
                    licensed[random.element(of: others)] = false
                } else if !metro.nearbyStates.isEmpty || stateCodes.count > 1 {
                    // Licensed only in a neighbouring state: excluded from every lead at home.
                    licensed[homeState] = false
                    var elsewhere = Array(stateCodes.count..<licensed.count)
                    if elsewhere.isEmpty { elsewhere = (0..<stateCodes.count).filter { $0 != homeState } }
                    licensed[random.element(of: elsewhere)] = true
                }
            }

            // Languages: everyone speaks English; others by share.
            spoken.removeAll(keepingCapacity: true)
            spoken.append("en")
            for language in languages where random.bernoulli(language.share) { spoken.append(language.code) }

            // Name: usually from the first other language's list, else the general lists.
            var firstNames = NameCatalog.firstNames
            var lastNames = NameCatalog.lastNames
            if spoken.count > 1, let lists = NameCatalog.byLanguage[spoken[1]], random.bernoulli(0.75) {
                firstNames = lists.first
                lastNames = lists.last
            }
            let name = random.element(of: firstNames) + " " + random.element(of: lastNames)

            // Specialties: most buy|sell, some add rent, some rent only, a few one side only.
            let specialtyRoll = random.uniform()
            let specialties: String
            let handlesRent: Bool
            switch specialtyRoll {
            case ..<0.60: (specialties, handlesRent) = ("buy|sell", false)
            case ..<0.78: (specialties, handlesRent) = ("buy|sell|rent", true)
            case ..<0.86: (specialties, handlesRent) = ("rent", true)
            case ..<0.93: (specialties, handlesRent) = ("buy", false)
            default: (specialties, handlesRent) = ("sell", false)
            }
            var extraSpecialty = ""
            if random.bernoulli(0.05) { extraSpecialty = random.bernoulli(0.5) ? "|relocation" : "|commercial" }

            // Price band for ~70 % (sales agents): starter (max only), mid-market (both), luxury (min only).
            var priceMin: Double?
            var priceMax: Double?
            if !handlesRent && random.bernoulli(0.95) {
                let local = self.grid.priceFactor[home]
                let band = random.uniform()
                if band < 0.35 {
                    priceMax = roundTo(median * local * random.uniform(0.7, 1.2), 5000)
                } else if band < 0.80 {
                    priceMin = roundTo(median * local * random.uniform(0.3, 0.6), 5000)
                    priceMax = roundTo(median * local * random.uniform(1.4, 2.5), 5000)
                } else {
                    priceMin = roundTo(median * local * random.uniform(1.3, 2.2), 5000)
                }
            }

            // Capacity 5–40; load mostly well below it, 7 % full; 3 % inactive.
            let capacity = min(40, 5 + Int(random.logNormal(median: 9, sigma: 0.55)))
            let openLeads =
                random.bernoulli(0.07) ? capacity : Int(Double(capacity) * 0.8 * PortableMath.exp(1.4 * PortableMath.log(random.uniformPositive())))
            let active = !random.bernoulli(0.03)

            // Response time: log-normal around 22 minutes, faster for skilled agents.
            let responseMinutes = min(2880, max(1, random.logNormal(median: 22, sigma: 0.9) * PortableMath.exp(-0.3 * skill)))
            let responsiveness = self.truth.responsiveness(responseMinutes: (responseMinutes * 10).rounded() / 10)
            self.agentResponsiveness[agent] = Float(responsiveness)

            // History: leads assigned over the agent's tenure; closed ~ Binomial(assigned, p(skill)).
            let tenureYears = min(35, 0.5 + random.exponential(mean: 7))
            let assigned = random.poisson(mean: tenureYears * 9)
            let closeProbability = self.truth.conversionProbability(
                skill: skill,
                match: self.truth.historyMatch,
                referralTrust: 0,
                responsiveness: responsiveness
            )
            let closed = random.binomial(trials: assigned, probability: closeProbability)

            let latitude = self.grid.latitude[home] + random.uniform(-0.004, 0.004)
            let longitude = self.grid.longitude[home] + random.uniform(-0.005, 0.005)

            // agents.csv
            self.appendAgentID(&agents, agent)
            agents.comma()
            agents.appendRaw(name)
            agents.comma()
            agents.appendRaw(active ? "true" : "false")
            agents.comma()
            var firstState = true
            for (index, on) in licensed.enumerated() where on {
                if !firstState { agents.appendByte(UInt8(ascii: "|")) }
                firstState = false
                agents.appendRaw(index < stateCodes.count ? stateCodes[index] : metro.nearbyStates[index - stateCodes.count])
            }
            agents.comma()
            for (index, code) in spoken.enumerated() {
                if index > 0 { agents.appendByte(UInt8(ascii: "|")) }
                agents.appendRaw(code)
            }
            agents.comma()
            agents.appendRaw(specialties)
            agents.appendRaw(extraSpecialty)
            agents.comma()
            if let priceMin { agents.appendFixed(priceMin, places: 0) }
            agents.comma()
            if let priceMax { agents.appendFixed(priceMax, places: 0) }
            agents.comma()
            agents.appendInt(capacity)
            agents.comma()
            agents.appendInt(openLeads)
            agents.comma()
            agents.appendInt(closed)
            agents.comma()
            agents.appendInt(assigned)
            agents.comma()
            agents.appendFixed(responseMinutes, places: 1)
            agents.comma()
            agents.appendFixed(latitude, places: 6)
            agents.comma()
            agents.appendFixed(longitude, places: 6)
            agents.endRow()

            // coverage.csv: home first, then by distance with falling weights.
            self.appendAgentID(&coverage, agent)
            coverage.comma()
            self.appendTerritoryID(&coverage, home)
            coverage.appendRaw(",1.00\n")
            for item in chosen {
                self.appendAgentID(&coverage, agent)
                coverage.comma()
                self.appendTerritoryID(&coverage, Int(item.territory))
                coverage.comma()
                coverage.appendFixed(min(0.9, max(0.3, 1.05 - 0.1 * item.distance)), places: 2)
                coverage.endRow()
            }
            coverageRows += 1 + chosen.count

            // truth/agent_skill.csv and truth/agent_brokerage.csv
            self.appendAgentID(&skills, agent)
            skills.comma()
            skills.appendFixed(skill, places: 4)
            skills.endRow()
            self.appendAgentID(&memberships, agent)
            memberships.comma()
            self.appendBrokerageID(&memberships, brokerage)
            memberships.endRow()

            try self.flushIfFull(&agents, agentsFile, &sink)
            try self.flushIfFull(&coverage, coverageFile, &sink)
            try self.flushIfFull(&skills, .agentSkill, &sink)
            try self.flushIfFull(&memberships, .agentBrokerage, &sink)
            if agent % Self.progressInterval == 0 { progress(.agents, agent, n) }
        }
        try self.finish(&agents, agentsFile, &sink)
        try self.finish(&coverage, coverageFile, &sink)
        try self.finish(&skills, .agentSkill, &sink)
        try self.finish(&memberships, .agentBrokerage, &sink)
        self.summary.agents = n
        self.summary.coverage = coverageRows

        // Indexes for the later phases: agents by home territory and by brokerage.
        (self.territoryAgentStart, self.territoryAgents) = Self.groupBy(self.agentHome, groups: self.grid.count)
        (self.brokerageMemberStart, self.brokerageMembers) = Self.groupBy(self.agentBrokerage, groups: self.brokerageTerritory.count)
        progress(.agents, n, n)
    }

    /// Groups item indexes by key as CSR: items of group g are `items[start[g]..<start[g + 1]]`, ascending.
    static func groupBy(_ keys: [Int32], groups: Int) -> (start: [Int32], items: [Int32]) {
        var start = [Int32](repeating: 0, count: groups + 1)
        for key in keys { start[Int(key) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        var next = start
        var items = [Int32](repeating: 0, count: keys.count)
        for (index, key) in keys.enumerated() {
            items[Int(next[Int(key)])] = Int32(index)
            next[Int(key)] += 1
        }
        return (start, items)
    }
}

/// `value` rounded to the nearest multiple of `step`.
@inline(__always)
func roundTo(_ value: Double, _ step: Double) -> Double {
    max(step, (value / step).rounded() * step)
}
