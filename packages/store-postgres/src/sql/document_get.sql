-- One document.
SELECT doc::text AS doc FROM __schema__.documents WHERE collection = $1 AND id = $2
