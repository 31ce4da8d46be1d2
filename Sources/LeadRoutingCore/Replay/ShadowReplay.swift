/// Shadow replay: re-decides the leads a store recorded under another policy, each at the load the store had when
/// the lead arrived, and compares. Nothing is written: it answers "what would policy B have done with the leads we
/// actually received?" before B goes live.
///
/// Each lead's first decision is replayed: the lead as received, no agent excluded, against the load rebuilt from the
/// store's assignments (an assignment counts from its decision until it ended; the agents' baseline open leads
/// under it) and the closes (on the agent, and on the referral edge from a referred lead's source agent) and accepts
/// recorded before the lead arrived (what the learning loop knew then). Pauses have no
/// history in the store, so every agent counts as available. The recorded choice is the lead's first assignment when
/// it was decided on arrival, otherwise the lead was unroutable on arrival.
///
/// The predicted conversions score each choice with the router's current conversion estimate of the agent (its
/// posterior mean after every close in the store): a prediction from today's estimates, not an observed outcome.
public struct ShadowReplay: Sendable {
    /// The router of the policy under test, on the graph to replay on.
    public let router: Router

    public init(router: Router) {
        self.router = router
    }

    /// Replays `records` (any order) given the store's agent rows now (`loads`: baselines and closes).
    public func replay(
        _ records: [LeadRecord],
        loads: [AgentLoadRecord],
        progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) -> ShadowReplayReport {
        let projection = self.router.projection
        var report = ShadowReplayReport(policy: self.router.policyIdentity, graphVersion: projection.version, leads: records.count)

        // The load at each moment: +1 when an assignment is decided, -1 when it ends; closes counted at their time.
        // Each payload decoded once: the timeline needs the referring agent, the replay the lead.
        let decoded = records.map { try? Lead.decodeKept(json: Array($0.payload.utf8)) }
        var timeline: [(atMillis: Int64, order: Int, change: Change)] = []
        for (recordIndex, record) in records.enumerated() {
            let source = decoded[recordIndex]?.sourceAgentId
            for assignment in record.assignments {
                guard let agent = projection.agent(assignment.agentId) else { continue }
                timeline.append((assignment.decidedAtMillis, 0, .open(agent)))
                if !assignment.state.isActive {
                    timeline.append((assignment.updatedAtMillis, 1, .release(agent)))
                }
                if assignment.state == .closedWon || assignment.state == .closedLost {
                    // A referred lead's close teaches the direct referral edge from its source too.
                    let edges = source.map { projection.referralEdges(from: $0, to: assignment.agentId) } ?? []
                    timeline.append((assignment.updatedAtMillis, 2, .close(agent, won: assignment.state == .closedWon, referralEdges: edges)))
                }
            }
            // Accepts at their audit time (the offer's move to accepted; a reopen is not one), with their latency.
            for entry in record.audit where entry.fromState == AssignmentState.offered.rawValue && entry.toState == AssignmentState.accepted.rawValue
            {
                guard let assignment = record.assignments.first(where: { $0.id == entry.assignmentId }),
                    let agent = projection.agent(assignment.agentId)
                else { continue }
                timeline.append((entry.atMillis, 3, .accept(agent, latencyMillis: entry.atMillis - assignment.decidedAtMillis)))
            }
        }
        timeline.sort { ($0.atMillis, $0.order) < ($1.atMillis, $1.order) }

        var load = AgentLoadTable(projection: projection)
        var now = AgentLoadTable(projection: projection)
        for record in loads {
            guard let agent = projection.agent(record.agentId) else { continue }
            load.setOpenLeads(record.baselineOpen, for: agent)
            now.setOutcomes(won: record.closedWon, lost: record.closedLost, for: agent)
        }
        let estimate = (0..<projection.agentCount).map { self.router.agentPerformance(of: Int32($0), load: now).mean }

        var recordedPerAgent = [Int](repeating: 0, count: projection.agentCount)
        var replayedPerAgent = [Int](repeating: 0, count: projection.agentCount)
        var recordedPolicies: [String: Int] = [:]
        var next = 0
        let ordered = records.indices.sorted {
            (records[$0].receivedAtMillis, records[$0].leadId) < (records[$1].receivedAtMillis, records[$1].leadId)
        }
        var workspace = self.router.makeWorkspace()
        for (done, recordIndex) in ordered.enumerated() {
            let record = records[recordIndex]
            if done % 1000 == 0 { progress(done, ordered.count) }
            let arrival = record.receivedAtMillis
            while next < timeline.count && timeline[next].atMillis < arrival {
                switch timeline[next].change {
                case .open(let agent): load.assign(agent)
                case .release(let agent): load.release(agent)
                case .close(let agent, let won, let edges):
                    load.recordClose(agent, won: won)
                    for edge in edges { load.recordReferralClose(edge: edge, won: won) }
                case .accept(let agent, let latency): load.recordAccept(agent, latencyMillis: latency)
                }
                next += 1
            }
            guard let lead = decoded[recordIndex] else {
                report.skipped[ShadowReplayReport.Skip.payloadDoesNotDecode.rawValue, default: 0] += 1
                continue
            }
            guard projection.territory(lead.territoryId) != nil else {
                report.skipped[ShadowReplayReport.Skip.territoryNotInGraph.rawValue, default: 0] += 1
                continue
            }
            let first = record.assignments.first.flatMap { $0.decidedAtMillis == arrival ? $0 : nil }
            let recordedAgent = first.flatMap { projection.agent($0.agentId) }
            let recordedPolicy = first?.policy ?? record.decision.policy
            recordedPolicies[recordedPolicy, default: 0] += 1
            if (first?.graphVersion ?? record.decision.graphVersion) == projection.version { report.onRecordedGraph += 1 }

            let decision = self.router.route(lead, load: load, excluding: [], workspace: &workspace)
            let replayedAgent = decision.agentId.flatMap { projection.agent($0) }
            report.replayed += 1
            if recordedAgent == replayedAgent { report.agreed += 1 }
            if let recordedAgent {
                recordedPerAgent[Int(recordedAgent)] += 1
                report.predicted.recorded += estimate[Int(recordedAgent)]
            } else {
                report.recordedUnroutable += 1
            }
            if let replayedAgent {
                replayedPerAgent[Int(replayedAgent)] += 1
                report.predicted.replayed += estimate[Int(replayedAgent)]
            } else {
                report.replayedUnroutable += 1
            }
        }
        progress(ordered.count, ordered.count)

        report.recordedPolicies = recordedPolicies
        let change = { (agent: Int) -> Int in abs(replayedPerAgent[agent] - recordedPerAgent[agent]) }
        let shifted = (0..<projection.agentCount).filter { change($0) != 0 }
        let largest = shifted.sorted { a, b in
            change(a) != change(b) ? change(a) > change(b) : projection.agentIds[a] < projection.agentIds[b]
        }
        report.load = .init(
            recordedGini: LoadFairness.gini(recordedPerAgent.map(Double.init)),
            replayedGini: LoadFairness.gini(replayedPerAgent.map(Double.init)),
            agentsGaining: shifted.filter { replayedPerAgent[$0] > recordedPerAgent[$0] }.count,
            agentsLosing: shifted.filter { replayedPerAgent[$0] < recordedPerAgent[$0] }.count,
            largestShifts: largest.prefix(ShadowReplayReport.shiftsShown).map {
                .init(agentId: projection.agentIds[$0], recorded: recordedPerAgent[$0], replayed: replayedPerAgent[$0])
            }
        )
        return report
    }

    private enum Change {
        case open(Int32)
        case release(Int32)
        case close(Int32, won: Bool, referralEdges: [Int])
        case accept(Int32, latencyMillis: Int64)
    }
}
