// Bumps the graph watermark (run after deleting nodes or relationships by hand: deletions leave no updatedAt
// behind, so refreshing routers would not notice them otherwise). $now: epoch millis.
MERGE (m:LeadRouterMeta {key: 'graph'})
SET m.updatedAt = $now
