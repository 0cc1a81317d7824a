-- Releases values held by the given owners (rebuilds only).
DELETE FROM __schema__.uniques u
USING unnest($1::text[], $2::text[], $3::text[]) AS r(scope, value, owner)
WHERE u.scope = r.scope AND u.value = r.value AND u.owner = r.owner
