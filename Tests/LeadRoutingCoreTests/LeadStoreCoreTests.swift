import LeadRoutingCore
import Testing

@Suite struct LeadStoreCoreTests {
    @Test func storeURLs() throws {
        #expect(try LeadStoreURL(parsing: "sqlite:/tmp/x.db") == .sqlite(path: "/tmp/x.db"))
        #expect(try LeadStoreURL(parsing: "sqlite:rel/x.db") == .sqlite(path: "rel/x.db"))
        #expect(try LeadStoreURL(parsing: "sqlite::memory:") == .sqliteMemory)
        let pg = try LeadStoreURL(parsing: "postgres://u:p%40ss@db.local:6543/leads")
        #expect(pg == .postgres(.init(host: "db.local", port: 6543, username: "u", password: "p@ss", database: "leads")))
        let socket = try LeadStoreURL(parsing: "postgresql://u@/leads?host=/run/pg")
        guard case .postgres(let settings) = socket else {
            Issue.record("not postgres")
            return
        }
        #expect(settings.socketPath == "/run/pg/.s.PGSQL.5432")
        #expect(settings.username == "u")
        for bad in ["mysql://x", "sqlite:", "postgres://u@h:99999/db", "postgres://u@h/db?foo=1", "postgres://:p@h/db", ""] {
            let error = #expect(throws: LeadStoreError.self) { try LeadStoreURL(parsing: bad) }
            #expect(error?.kind == .invalidURL)
        }
        #expect(LeadStoreURL.redacted("postgres://u:secret@h/db") == "postgres://u:***@h/db")
    }

    @Test func commitPlanFallsDownTheRanking() {
        let ranking = ["A", "B", "C"].enumerated().map {
            CandidateExplanation(agentId: $0.element, score: 0.9 - Double($0.offset) / 10, features: FeatureScores(), path: [])
        }
        let decision = RoutingDecision(
            leadId: "L",
            status: .routed,
            agentId: "A",
            score: 0.9,
            candidates: Array(ranking.prefix(2)),
            policy: "p",
            graphVersion: "g",
            rule: .returningClient
        )
        #expect(CommitPlan.committedDecision(decision, ranking: ranking, taken: 0) == decision)
        let fell = CommitPlan.committedDecision(decision, ranking: ranking, taken: 2)
        #expect(fell.agentId == "C")
        #expect(fell.score == 0.7)
        #expect(fell.rule == .bestScore)
        #expect(fell.candidates.map(\.agentId) == ["A", "B", "C"])
        #expect(fell.notes.last?.contains("A, B; fell back to candidate #3 C") == true)
        let none = CommitPlan.committedDecision(decision, ranking: ranking, taken: nil)
        #expect(none.status == .unroutable)
        #expect(none.reason == .noEligibleAgent)
        #expect(none.agentId == nil)
        #expect(none.excluded["at_capacity"] == 3)
    }

    @Test func assignmentTransitions() {
        #expect(AssignmentState.offered.canTransition(to: .accepted))
        #expect(AssignmentState.accepted.canTransition(to: .closedWon))
        #expect(!AssignmentState.offered.canTransition(to: .closedWon))
        // A mistaken close can be corrected (won ⇄ lost) or reopened; accept and close still start where they did.
        #expect(AssignmentState.closedWon.canTransition(to: .closedLost))
        #expect(AssignmentState.closedLost.canTransition(to: .accepted))
        #expect(AssignmentTransition(leadId: "L", agentId: "A", to: .accepted, atMillis: 0).from == [.offered])
        #expect(AssignmentTransition(leadId: "L", agentId: "A", to: .closedLost, atMillis: 0).from == [.accepted])
        #expect(!AssignmentState.declined.canTransition(to: .accepted))
        #expect(AssignmentState.closedLost.auditAction(from: .closedWon) == "close_corrected")
        #expect(AssignmentState.accepted.auditAction(from: .closedWon) == "reopened")
        #expect(AssignmentState.allCases.filter(\.isActive) == [.offered, .accepted])
    }

    @Test func rankingRouterExplainsMoreCandidatesWithTheSameWinner() throws {
        let router = try SmallNetwork.router()
        let deep = router.ranking(depth: 16)
        let lead = Lead(id: "L", territoryId: "t1")
        let shallow = router.route(lead)
        let wide = deep.route(lead)
        #expect(wide.agentId == shallow.agentId)
        #expect(wide.candidates.count >= shallow.candidates.count)
        #expect(deep.policy.explainTopK == 16)
    }

    @Test func canonicalLeadJSONIsStable() {
        let a = Lead(id: "L1", territoryId: "T1", kind: .sell, price: 10, urgency: 2)
        #expect(a.canonicalJSON() == #"{"id":"L1","kind":"sell","languageRequired":false,"price":10,"territoryId":"T1","urgency":2}"#)
    }
}
