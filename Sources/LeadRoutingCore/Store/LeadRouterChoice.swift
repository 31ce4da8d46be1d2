/// Names, per lead, the router a ``LeadLifecycle`` ranks it with, so that several routing policies can share one
/// store, one load view and one capacity: an A/B split of policies. The lifecycle keeps its own router for a lead
/// the choice returns nil for, and for a router on another graph version.
///
/// Called inside the lifecycle's isolation for every ranking (first route, re-route, retry), so a lead re-routed
/// after a decline or an expired offer stays with its policy. Must be deterministic per lead.
public protocol LeadRouterChoice: Sendable {
    /// The router for `lead`; nil for the lifecycle's own.
    func router(for lead: Lead) -> Router?
}
