-- Streams in byte order of their ids (COLLATE "C"), optionally by prefix, strictly after $2.
SELECT stream_id, last_revision::text AS last_revision,
  to_char(last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_recorded_at
FROM __schema__.streams
WHERE ($1::text IS NULL OR (stream_id >= $1::text AND starts_with(stream_id, $1::text)))
  AND ($2::text IS NULL OR stream_id > $2::text)
ORDER BY stream_id
LIMIT $3
