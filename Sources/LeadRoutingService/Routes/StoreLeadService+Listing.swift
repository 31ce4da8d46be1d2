import Hummingbird
import LeadRoutingCore
import Logging

extension StoreLeadService {
    /// `GET /api/v1/leads`: a page of leads filtered by `status`, `agent`, `territory`, `since`; `limit` 1–500
    /// (default 50); `cursor` from the previous page's `nextCursor`. An agent's inbox is `?agent=A1&status=offered`.
    func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let parameters = request.uri.queryParameters
        let query: LeadListQuery
        do {
            query = try LeadListQuery(
                status: parameters["status"].map(String.init),
                agent: parameters["agent"].map(String.init),
                territory: parameters["territory"].map(String.init),
                since: parameters["since"].map(String.init),
                limit: parameters["limit"].map(String.init),
                cursor: parameters["cursor"].map(String.init)
            )
        } catch {
            throw ServiceError.badParameter(error.parameter, error.reason)
        }
        let leads = try await self.timed("list_leads") { try await self.store.listLeads(query) }
        return try ServiceAPI.json(LeadPage(leads: leads, query: query))
    }

    /// `POST /api/v1/leads/{id}/requeue`: a `needs_attention` lead goes back into the retry queue (409 otherwise).
    func requeue(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        try await self.timed("requeue") { try await self.lifecycle.requeue(leadId: id) }
        self.capacityFreed()
        context.logger.info("lead requeued", metadata: ["lead_id": .string(id)])
        guard let record = try await self.timed("lead", { try await self.store.lead(id) }) else {
            throw ServiceError.notFound("no lead \(id)")
        }
        return try ServiceAPI.json(LeadView(record))
    }
}
