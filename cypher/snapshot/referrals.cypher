// Referrals sent by one page of agents (keyset by agent id: $after, $limit).
MATCH (a:Agent)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
OPTIONAL MATCH (a)-[r:REFERS]->(b:Agent)
RETURN a.id AS fromId, b.id AS toId, r.sent AS sent, r.closed AS closed, r.ord AS ord
ORDER BY fromId, toId
