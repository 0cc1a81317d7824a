-- Saves (or replaces) a document.
INSERT INTO __schema__.documents (collection, id, doc)
VALUES ($1, $2, $3::jsonb)
ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc
