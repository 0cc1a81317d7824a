-- One snapshot of a stream.
SELECT revision::text AS revision, schema_version, state::text AS state, taken_at
FROM __schema__.snapshots
WHERE stream_id = $1 AND name = $2
