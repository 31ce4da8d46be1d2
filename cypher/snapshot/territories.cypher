// One page of territories, keyset-paged by id: $after, $limit.
MATCH (t:Territory)
WHERE t.id > $after
WITH t
ORDER BY t.id
LIMIT $limit
RETURN t.id AS id, t.ord AS ord, t.name AS name, t.state AS state, t.lat AS lat, t.lon AS lon
ORDER BY id
