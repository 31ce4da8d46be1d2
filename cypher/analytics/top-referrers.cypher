// Top referrers by referrals sent, with conversions and distinct partners. $limit (default in Browser: set
// `:param limit => 20`).
MATCH (a:Agent)-[r:REFERS]->(b:Agent)
WITH a, count(b) AS partners, sum(r.sent) AS sent, sum(r.closed) AS closed
RETURN a.id AS agentId, a.name AS name, partners, toInteger(sent) AS sent, toInteger(closed) AS closed,
       CASE WHEN sent > 0 THEN round(1000.0 * closed / sent) / 1000.0 ELSE 0.0 END AS conversion
ORDER BY sent DESC, agentId
LIMIT $limit
