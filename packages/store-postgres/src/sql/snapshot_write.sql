-- Saves (or replaces) a snapshot.
INSERT INTO __schema__.snapshots (stream_id, name, revision, schema_version, state, taken_at)
VALUES ($1, $2, $3::bigint, $4, $5::json, $6)
ON CONFLICT (stream_id, name) DO UPDATE
SET revision = excluded.revision, schema_version = excluded.schema_version, state = excluded.state, taken_at = excluded.taken_at
