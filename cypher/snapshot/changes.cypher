// Graph elements changed after the watermark $since (epoch millis): one row per kind with the count and the newest
// updatedAt. The caller sums the counts and takes the largest time as the new watermark.
MATCH (n:Agent) WHERE n.updatedAt > $since RETURN count(n) AS changed, max(n.updatedAt) AS at
UNION ALL
MATCH (n:Territory) WHERE n.updatedAt > $since RETURN count(n) AS changed, max(n.updatedAt) AS at
UNION ALL
MATCH (n:LeadRouterMeta) WHERE n.updatedAt > $since RETURN count(n) AS changed, max(n.updatedAt) AS at
UNION ALL
MATCH (:Agent)-[r:COVERS]->(:Territory) WHERE r.updatedAt > $since RETURN count(r) AS changed, max(r.updatedAt) AS at
UNION ALL
MATCH (:Territory)-[r:ADJACENT_TO]->(:Territory) WHERE r.updatedAt > $since RETURN count(r) AS changed, max(r.updatedAt) AS at
UNION ALL
MATCH (:Agent)-[r:REFERS]->(:Agent) WHERE r.updatedAt > $since RETURN count(r) AS changed, max(r.updatedAt) AS at
