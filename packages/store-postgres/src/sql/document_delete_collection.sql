-- Removes a whole collection.
DELETE FROM __schema__.documents WHERE collection = $1
