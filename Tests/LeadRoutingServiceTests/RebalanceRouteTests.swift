import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LeadRoutingCore
import LeadRoutingService
import LeadRoutingTestSupport
import NIOCore
import Testing

/// The rebalance routes over an in-memory store on the tiny fixture: plan (kept), preview, apply, progress, the
/// body and path rules, and the `rebalance:write` scope.
@Suite("Rebalance routes (SQLite in memory)")
struct RebalanceRouteTests {
    typealias S = ServiceTestSupport
    typealias Post = LeadStoreRouteTests

    func withApp(auth: Bool = false, _ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = S.configuration(auth: auth)
        configuration.store = "sqlite::memory:"
        // The first built-in policy, without the load adjustment: all three leads go to the best-scoring A1.
        configuration.policy = RepositoryPaths.tinyPolicy("default-1")
        let app = try await buildApplication(configuration, logger: S.logger)
        try await app.test(.router, test)
    }

    /// Three T1 leads fill A1 (best score, capacity 5 with 2 open already); every open offer is movable, and a load
    /// cost that charges every lead above half an agent's capacity makes the plan move them off A1.
    static let planBody = #"""
        {"scope":"open","policy":{"churnPenalty":0,"loadCost":[{"upToUtilisation":0.5,"costPerLead":0},{"upToUtilisation":1,"costPerLead":0.5}]}}
        """#

    static func routeLeads(_ client: any TestClientProtocol) async throws {
        for id in ["R1", "R2", "R3"] {
            let (status, _) = try await Post.post(client, "/api/v1/leads", #"{"id":"\#(id)","territoryId":"T1","kind":"buy"}"#)
            #expect(status == .created)
        }
    }

    @Test func planPreviewApplyAndProgress() async throws {
        try await self.withApp { client in
            try await Self.routeLeads(client)
            let (created, plan) = try await Post.post(RebalancePlan.self, client, "/api/v1/rebalance/plans", Self.planBody)
            #expect(created == .created)
            #expect(plan.scope == .open && !plan.moves.isEmpty)
            #expect(plan.moves.allSatisfy { $0.fromAgentId == "A1" })
            #expect(plan.objective < plan.objectiveBefore)
            // The same state gives the same moves (a later watermark, so another plan id).
            let (_, again) = try await Post.post(RebalancePlan.self, client, "/api/v1/rebalance/plans", Self.planBody)
            #expect(again.moves == plan.moves && again.objective == plan.objective)

            try await client.execute(uri: "/api/v1/rebalance/plans/\(plan.planId)", method: .get) { response in
                #expect(response.status == .ok)
                let status = try ResponseBody.decode(RebalancePlanStatus.self, response.body)
                #expect(status.plan == plan && status.progress.pending == plan.moves.count && status.progress.applied == 0)
            }
            let (previewed, preview) = try await Post.post(
                RebalanceApplyReport.self,
                client,
                "/api/v1/rebalance/plans/\(plan.planId)/apply",
                #"{"dryRun":true}"#
            )
            #expect(previewed == .ok && preview.dryRun && preview.applied.count == plan.moves.count)
            let (applied, report) = try await Post.post(RebalanceApplyReport.self, client, "/api/v1/rebalance/plans/\(plan.planId)/apply")
            #expect(applied == .ok && !report.dryRun)
            #expect(report.applied.map(\.leadId) == preview.applied.map(\.leadId))
            #expect(report.applied.allSatisfy { $0.assignmentId != nil })
            try await client.execute(uri: "/api/v1/rebalance/plans/\(plan.planId)", method: .get) { response in
                let status = try ResponseBody.decode(RebalancePlanStatus.self, response.body)
                #expect(status.progress.pending == 0 && status.progress.applied == plan.moves.count)
            }
            // The moved lead is where the plan sent it, with rule rebalance.
            let move = try #require(plan.moves.first)
            try await client.execute(uri: "/api/v1/leads/\(move.leadId)", method: .get) { response in
                let record = try ResponseBody.decode(LeadRecordBody.self, response.body)
                #expect(record.agentId == move.toAgentId)
                #expect(record.decision.rule == .rebalance)
            }
            // Applying again applies nothing.
            let (_, repeated) = try await Post.post(RebalanceApplyReport.self, client, "/api/v1/rebalance/plans/\(plan.planId)/apply")
            #expect(repeated.applied.isEmpty && repeated.alreadyApplied.count == report.applied.count)
        }
    }

    @Test func badBodiesAndUnknownPlansChangeNothing() async throws {
        try await self.withApp { client in
            for (body, field) in [
                (#"{"scope":"everything"}"#, "scope"), (#"{"bogus":1}"#, "bogus"), (#"{"policy":{"maxCandidates":0}}"#, "policy.maxCandidates"),
                (#"{"offerSlaMinutes":0}"#, "offerSlaMinutes"),
                (
                    #"{"policy":{"loadCost":[{"upToUtilisation":0.5,"costPerLead":1},{"upToUtilisation":1,"costPerLead":0}]}}"#,
                    "policy.loadCost.1.costPerLead"
                ),
            ] {
                let (status, problem) = try await Post.post(ProblemDetails.self, client, "/api/v1/rebalance/plans", body)
                #expect(status == .unprocessableContent, "\(body)")
                #expect(problem.field == field, "\(body): \(problem.detail ?? "")")
            }
            let (missing, _) = try await Post.post(ProblemDetails.self, client, "/api/v1/rebalance/plans/rb-0000000000000000/apply")
            #expect(missing == .notFound)
            let (badId, problem) = try await Post.post(ProblemDetails.self, client, "/api/v1/rebalance/plans/-x/apply")
            #expect(badId == .unprocessableContent && problem.field == "planId")
            let (_, plan) = try await Post.post(RebalancePlan.self, client, "/api/v1/rebalance/plans")
            let (badBatch, batchProblem) = try await Post.post(
                ProblemDetails.self,
                client,
                "/api/v1/rebalance/plans/\(plan.planId)/apply",
                #"{"batchSize":0}"#
            )
            #expect(badBatch == .unprocessableContent && batchProblem.field == "batchSize")
        }
    }

    @Test func planningAndApplyingNeedTheRebalanceScope() async throws {
        try await self.withApp(auth: true) { client in
            let readOnly = try await S.token(scopes: ["leads:read", "leads:write"])
            try await client.execute(uri: "/api/v1/rebalance/plans", method: .post, headers: S.bearer(readOnly)) { response in
                #expect(response.status == .forbidden)
            }
            let token = try await S.token(scopes: ["rebalance:write", "leads:read"])
            let planId = try await client.execute(uri: "/api/v1/rebalance/plans", method: .post, headers: S.bearer(token)) { response in
                #expect(response.status == .created)
                return try ResponseBody.decode(RebalancePlan.self, response.body).planId
            }
            try await client.execute(uri: "/api/v1/rebalance/plans/\(planId)", method: .get, headers: S.bearer(readOnly)) { response in
                #expect(response.status == .ok)
            }
        }
    }
}
