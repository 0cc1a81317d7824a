-- One event by its id.
SELECT stream_id, revision::text AS revision, id::text AS id, tx_id::text AS tx_id, seq::text AS seq, type, data::text AS data,
  metadata::text AS metadata, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM __schema__.events e
WHERE id = $1::uuid
