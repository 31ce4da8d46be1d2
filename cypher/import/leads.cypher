// Leads of the dataset, located in their territory. $rows: [{id, territoryId, props}]; $now: epoch millis.
UNWIND $rows AS row
MERGE (l:Lead {id: row.id})
SET l += row.props, l.updatedAt = $now
WITH l, row
MATCH (t:Territory {id: row.territoryId})
MERGE (l)-[:LOCATED_IN]->(t)
