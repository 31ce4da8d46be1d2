/// How a simulation runs: its length, demand, seeds and the behaviour of time. Every field has a documented default.
public struct SimulationConfiguration: Sendable, Hashable, Codable {
    /// Simulated days. Default 30.
    public var days: Int
    /// Mean arrivals per simulated day (a Poisson process); nil: the dataset's leads spread over 30 days, the
    /// generator's window. Default nil.
    public var leadsPerDay: Double?
    /// Seed of the first replication; replication `r` uses the world drawn from `seed + r`. Default 1.
    public var seed: UInt64
    /// Independent replications per policy, for the confidence intervals. Default 5.
    public var replications: Int
    /// Minutes an offer may stay unanswered before it expires and the lead is re-routed. Default 60.
    public var offerSLAMinutes: Double
    /// Minutes between the lifecycle's sweeps for overdue offers. Default 5.
    public var sweepMinutes: Double
    /// Minutes between scheduled rounds of the retry queue (unroutable leads; the service's default backoff and
    /// maximum attempts, after which a lead is dead-lettered). Default 60.
    public var retryMinutes: Double
    /// Mean days from acceptance to a won close (exponential). Default 14.
    public var meanDaysToWin: Double
    /// Mean days from acceptance to a lost close (exponential). Default 7.
    public var meanDaysToLose: Double
    /// When simulated time starts (Unix milliseconds). Default 2025-06-01T00:00:00Z.
    public var startMillis: Int64
    /// Minutes the per-batch optimum holds arrivals before assigning them together. Default 60.
    public var batchMinutes: Double

    public init(
        days: Int = 30,
        leadsPerDay: Double? = nil,
        seed: UInt64 = 1,
        replications: Int = 5,
        offerSLAMinutes: Double = 60,
        sweepMinutes: Double = 5,
        retryMinutes: Double = 60,
        meanDaysToWin: Double = 14,
        meanDaysToLose: Double = 7,
        startMillis: Int64 = 1_748_736_000_000,
        batchMinutes: Double = 60
    ) {
        self.days = days
        self.leadsPerDay = leadsPerDay
        self.seed = seed
        self.replications = replications
        self.offerSLAMinutes = offerSLAMinutes
        self.sweepMinutes = sweepMinutes
        self.retryMinutes = retryMinutes
        self.meanDaysToWin = meanDaysToWin
        self.meanDaysToLose = meanDaysToLose
        self.startMillis = startMillis
        self.batchMinutes = batchMinutes
    }

    /// Largest number of simulated days and replications accepted.
    public static let maximumDays = 3650
    public static let maximumReplications = 1000

    /// Throws ``InputError`` naming the first setting out of range.
    public func validate() throws(InputError) {
        func check(_ ok: Bool, _ field: String, _ reason: String) throws(InputError) {
            if !ok { throw InputError(field: field, reason: reason, subject: "simulation") }
        }
        try check(self.days >= 1 && self.days <= Self.maximumDays, "days", "must be between 1 and \(Self.maximumDays)")
        try check(
            self.replications >= 1 && self.replications <= Self.maximumReplications,
            "replications",
            "must be between 1 and \(Self.maximumReplications)"
        )
        if let rate = self.leadsPerDay { try check(rate.isFinite && rate > 0, "leads-per-day", "must be a positive number") }
        for (field, value) in [
            ("offer-sla", self.offerSLAMinutes), ("sweep", self.sweepMinutes), ("retry", self.retryMinutes),
            ("days-to-win", self.meanDaysToWin), ("days-to-lose", self.meanDaysToLose), ("batch-minutes", self.batchMinutes),
        ] {
            try check(value.isFinite && value > 0, field, "must be a positive number")
        }
    }

    static let millisPerMinute = 60_000.0
    static let millisPerDay = 86_400_000.0
}
