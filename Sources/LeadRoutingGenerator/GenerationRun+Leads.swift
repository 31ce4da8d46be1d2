import LeadRoutingCore

/// Phase 6: leads, streamed.
extension GenerationRun {
    /// Non-English languages of leads and the share of leads in each (Spanish scales with the metro).
    static func leadLanguages(spanishShare: Double) -> [(code: String, share: Double)] {
        [
            ("es", spanishShare * 0.5), ("zh", 0.02), ("ko", 0.008), ("vi", 0.008), ("ru", 0.01), ("pt", 0.006),
            ("hi", 0.008), ("ar", 0.004), ("fr", 0.004), ("pl", 0.003), ("tl", 0.003), ("ht", 0.003),
        ]
    }

    static let thirtyDays: Int64 = 30 * 86_400

    mutating func leadsPhase<Sink: GeneratedDatasetSink>(
        into sink: inout Sink,
        progress: (GenerationPhase, Int, Int) -> Void
    ) throws {
        let file = GeneratedFile.dataset(.leads)
        var writer = self.startFile(file)
        var random = self.random(.leads)
        let total = self.configuration.leads
        let metro = self.configuration.metro
        let languages = Self.leadLanguages(spanishShare: metro.spanishShare)
        var languageWeights = languages.map(\.share)
        languageWeights.append(max(0, 1 - languageWeights.reduce(0, +)))  // English
        let urgencyWeights = [0.35, 0.35, 0.20, 0.10]
        let start = self.configuration.endTimestamp - Self.thirtyDays
        let hasAgents = self.configuration.agents > 0

        for lead in 0..<total {
            let territory = self.densityTable!.sample(using: &random)
            let kindRoll = random.uniform()
            let kind = kindRoll < 0.55 ? "buy" : (kindRoll < 0.85 ? "sell" : "rent")
            // Prices: log-normal around the local level; rents are monthly.
            var price: Double?
            if random.bernoulli(0.95) {
                let local = metro.medianHomePrice * self.grid.priceFactor[territory]
                price =
                    kind == "rent"
                    ? roundTo(random.logNormal(median: local * 0.0055, sigma: 0.35), 25)
                    : roundTo(random.logNormal(median: local, sigma: 0.5), 1000)
            }
            let languageIndex = random.index(weights: languageWeights)
            let language = languageIndex < languages.count ? languages[languageIndex].code : "en"
            let required = language != "en" && random.bernoulli(0.3)
            let urgency = random.index(weights: urgencyWeights)
            var source: Int32 = -1
            if hasAgents && random.bernoulli(0.30) { source = self.randomAgent(near: territory, radius: 2, random: &random) }
            var previous: Int32 = -1
            if hasAgents && random.bernoulli(0.08) { previous = self.randomAgent(near: territory, radius: 1, random: &random) }
            let created = start + Int64((Double(lead) + random.uniform()) * Double(Self.thirtyDays) / Double(total))

            writer.appendID(prefix: UInt8(ascii: "L"), lead + 1, width: Self.leadIDWidth)
            writer.comma()
            self.appendTerritoryID(&writer, territory)
            writer.comma()
            writer.appendRaw(kind)
            writer.comma()
            if let price { writer.appendFixed(price, places: 0) }
            writer.comma()
            writer.appendRaw(language)
            writer.comma()
            writer.appendRaw(required ? "true" : "false")
            writer.comma()
            writer.appendInt(urgency)
            writer.comma()
            if source >= 0 { self.appendAgentID(&writer, Int(source)) }
            writer.comma()
            if previous >= 0 { self.appendAgentID(&writer, Int(previous)) }
            writer.comma()
            writer.appendTimestamp(min(created, self.configuration.endTimestamp - 1))
            writer.endRow()
            try self.flushIfFull(&writer, file, &sink)
            if lead % Self.progressInterval == 0 { progress(.leads, lead, total) }
        }
        try self.finish(&writer, file, &sink)
        self.summary.leads = total
        progress(.leads, total, total)
    }
}
