// One page of agents, keyset-paged by id: $after (the last id of the previous page, '' first), $limit.
MATCH (a:Agent)
WHERE a.id > $after
WITH a
ORDER BY a.id
LIMIT $limit
RETURN a.id AS id, a.ord AS ord, a.name AS name, a.active AS active, a.states AS states,
       a.languages AS languages, a.specialties AS specialties, a.priceMin AS priceMin, a.priceMax AS priceMax,
       a.capacity AS capacity, a.openLeads AS openLeads, a.closed AS closed, a.assigned AS assigned,
       a.responseMinutes AS responseMinutes, a.lat AS lat, a.lon AS lon
ORDER BY id
