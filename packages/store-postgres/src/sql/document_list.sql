-- Documents of a collection by id, optionally by prefix, strictly after $3.
SELECT id, doc::text AS doc
FROM __schema__.documents
WHERE collection = $1
  AND ($2::text IS NULL OR (id >= $2::text AND starts_with(id, $2::text)))
  AND ($3::text IS NULL OR id > $3::text)
ORDER BY id
LIMIT $4
