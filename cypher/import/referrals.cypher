// (:Agent)-[:REFERS {sent, closed}]->(:Agent). $rows: [{fromId, toId, sent, closed, ord}]; $now: epoch millis.
UNWIND $rows AS row
MATCH (a:Agent {id: row.fromId})
MATCH (b:Agent {id: row.toId})
MERGE (a)-[r:REFERS]->(b)
SET r.sent = row.sent, r.closed = row.closed, r.ord = row.ord, r.updatedAt = $now
