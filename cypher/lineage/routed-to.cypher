// Lineage write-back from the lead store's outbox: (:Lead)-[:ROUTED_TO {score, at}]->(:Agent), one per lead
// (its current assignment). Idempotent by lead id: an event older than the one already applied
// (row.eventId <= l.lineageEventId) changes nothing, so replays after a crash are harmless.
// $rows: [{leadId, agentId, score, at (epoch millis), eventId}], at most one row per lead.
UNWIND $rows AS row
MATCH (a:Agent {id: row.agentId})
MERGE (l:Lead {id: row.leadId})
WITH l, a, row
WHERE l.lineageEventId IS NULL OR l.lineageEventId < row.eventId
OPTIONAL MATCH (l)-[old:ROUTED_TO]->(:Agent)
DELETE old
WITH DISTINCT l, a, row
MERGE (l)-[r:ROUTED_TO]->(a)
SET r.score = row.score, r.at = row.at, r.eventId = row.eventId, l.lineageEventId = row.eventId
RETURN count(r) AS written
