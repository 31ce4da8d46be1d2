// The lineage of one lead: the agent it was routed to, with score and time.
MATCH (l:Lead {id: $leadId})-[r:ROUTED_TO]->(a:Agent)
RETURN a.id AS agentId, r.score AS score, r.at AS at, r.eventId AS eventId
