// (:Agent)-[:COVERS {weight}]->(:Territory). $rows: [{agentId, territoryId, weight, ord}]; $now: epoch millis.
UNWIND $rows AS row
MATCH (a:Agent {id: row.agentId})
MATCH (t:Territory {id: row.territoryId})
MERGE (a)-[c:COVERS]->(t)
SET c.weight = row.weight, c.ord = row.ord, c.updatedAt = $now
