// Batched, idempotent agent import. $rows: [{id, props: {ord, name, active, states, …}}]; $now: epoch millis.
// `SET a += row.props` removes properties whose value is null (absent in the dataset).
UNWIND $rows AS row
MERGE (a:Agent {id: row.id})
SET a += row.props, a.updatedAt = $now
