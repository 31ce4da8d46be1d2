/// Every route of the HTTP API: the router is built from this table (and only from it), and the OpenAPI test
/// checks it against `openapi.yaml` in both directions.
public struct APIRoute: Sendable, Hashable {
    /// Operations, named as the `operationId`s of the OpenAPI document.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        case createLead, previewLead, listLeads, getLead, acceptLead, declineLead, closeLead, reopenLead, correctLead, requeueLead
        case listAgents, getAgent, setAgentAvailability, getTerritoryCoverage
        case getAnalytics
        case listWebhookFailures, retryWebhookFailure
        case createRebalancePlan, applyRebalancePlan, getRebalancePlan
        case reloadGraph
        case health, ready, metrics, rootMetrics, openapi
    }

    /// HTTP method, upper-case.
    public let method: String
    /// Full path template in OpenAPI form (`/api/v1/agents/{id}`); Hummingbird reads `{id}` the same way.
    public let path: String
    /// Required scope; nil for public routes.
    public let scope: Scope?
    public let operation: Operation

    /// The path prefix of the versioned API.
    public static let prefix = "/api/v1"

    public static let all: [APIRoute] = [
        .init(method: "POST", path: prefix + "/leads", scope: .leadsWrite, operation: .createLead),
        .init(method: "POST", path: prefix + "/leads:preview", scope: .leadsRead, operation: .previewLead),
        .init(method: "GET", path: prefix + "/leads", scope: .leadsRead, operation: .listLeads),
        .init(method: "GET", path: prefix + "/leads/{id}", scope: .leadsRead, operation: .getLead),
        .init(method: "POST", path: prefix + "/leads/{id}/accept", scope: .leadsWrite, operation: .acceptLead),
        .init(method: "POST", path: prefix + "/leads/{id}/decline", scope: .leadsWrite, operation: .declineLead),
        .init(method: "POST", path: prefix + "/leads/{id}/close", scope: .leadsWrite, operation: .closeLead),
        .init(method: "POST", path: prefix + "/leads/{id}/reopen", scope: .leadsWrite, operation: .reopenLead),
        .init(method: "POST", path: prefix + "/leads/{id}/correct", scope: .leadsWrite, operation: .correctLead),
        .init(method: "POST", path: prefix + "/leads/{id}/requeue", scope: .leadsWrite, operation: .requeueLead),
        .init(method: "GET", path: prefix + "/agents", scope: .analyticsRead, operation: .listAgents),
        .init(method: "GET", path: prefix + "/agents/{id}", scope: .analyticsRead, operation: .getAgent),
        .init(method: "PUT", path: prefix + "/agents/{id}/availability", scope: .agentsWrite, operation: .setAgentAvailability),
        .init(method: "GET", path: prefix + "/territories/{id}/coverage", scope: .analyticsRead, operation: .getTerritoryCoverage),
        .init(method: "GET", path: prefix + "/analytics/{algorithm}", scope: .analyticsRead, operation: .getAnalytics),
        .init(method: "GET", path: prefix + "/admin/webhooks/failures", scope: .admin, operation: .listWebhookFailures),
        .init(method: "POST", path: prefix + "/admin/webhooks/failures/{id}/retry", scope: .admin, operation: .retryWebhookFailure),
        .init(method: "POST", path: prefix + "/rebalance/plans", scope: .rebalanceWrite, operation: .createRebalancePlan),
        .init(method: "POST", path: prefix + "/rebalance/plans/{planId}/apply", scope: .rebalanceWrite, operation: .applyRebalancePlan),
        .init(method: "GET", path: prefix + "/rebalance/plans/{planId}", scope: .leadsRead, operation: .getRebalancePlan),
        .init(method: "POST", path: prefix + "/admin/graph:reload", scope: .admin, operation: .reloadGraph),
        .init(method: "GET", path: prefix + "/health", scope: nil, operation: .health),
        .init(method: "GET", path: prefix + "/ready", scope: nil, operation: .ready),
        .init(method: "GET", path: prefix + "/metrics", scope: nil, operation: .metrics),
        .init(method: "GET", path: "/metrics", scope: nil, operation: .rootMetrics),
        .init(method: "GET", path: prefix + "/openapi.yaml", scope: nil, operation: .openapi),
    ]

    /// Health, readiness and metrics probes: never rate-limited, since probes behind a proxy share one address.
    public var isProbe: Bool { [.health, .ready, .metrics, .rootMetrics].contains(self.operation) }

    /// Whether `path` (a concrete request path) fits this route's template.
    func matches(path: Substring) -> Bool {
        let template = self.path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = path.split(separator: "/", omittingEmptySubsequences: false)
        guard template.count == actual.count else { return false }
        for (t, a) in zip(template, actual) {
            if t.hasPrefix("{") && t.hasSuffix("}") {
                if a.isEmpty { return false }
            } else if t != a {
                return false
            }
        }
        return true
    }

    /// Methods the API offers at `path`, for 405 answers; empty when the path is unknown.
    static func allowedMethods(at path: Substring) -> [String] {
        Self.all.filter { $0.matches(path: path) }.map(\.method)
    }
}
