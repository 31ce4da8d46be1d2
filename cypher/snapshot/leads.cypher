// One page of leads, keyset-paged by id: $after, $limit.
MATCH (l:Lead)
WHERE l.id > $after AND l.territoryId IS NOT NULL
WITH l
ORDER BY l.id
LIMIT $limit
RETURN l.id AS id, l.ord AS ord, l.territoryId AS territoryId, l.kind AS kind, l.price AS price,
       l.language AS language, l.languageRequired AS languageRequired, l.urgency AS urgency,
       l.sourceAgentId AS sourceAgentId, l.previousAgentId AS previousAgentId, l.createdAt AS createdAt
ORDER BY id
