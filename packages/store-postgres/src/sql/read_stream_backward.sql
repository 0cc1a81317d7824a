-- A page of one stream from revision $2 downwards.
SELECT stream_id, revision::text AS revision, id::text AS id, tx_id::text AS tx_id, seq::text AS seq, type, data::text AS data,
  metadata::text AS metadata, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM __schema__.events e
WHERE stream_id = $1 AND revision <= $2::bigint
ORDER BY e.revision DESC
LIMIT $3
