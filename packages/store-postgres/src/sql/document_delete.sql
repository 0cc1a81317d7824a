-- Removes a document.
DELETE FROM __schema__.documents WHERE collection = $1 AND id = $2
