// Cypher candidate mode, referral chains: referrals sent by a frontier of agents ($ids). Run once per hop.
UNWIND $ids AS id
MATCH (a:Agent {id: id})-[r:REFERS]->(b:Agent)
RETURN a.id AS fromId, b.id AS toId, r.sent AS sent, r.closed AS closed
