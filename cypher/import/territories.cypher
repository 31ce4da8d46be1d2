// Batched, idempotent territory import. $rows: [{id, props: {ord, name, state, lat, lon}}]; $now: epoch millis.
UNWIND $rows AS row
MERGE (t:Territory {id: row.id})
SET t += row.props, t.updatedAt = $now
