-- A stream's last revision and first/last recording times.
SELECT last_revision::text AS last_revision,
  to_char(first_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first_recorded_at,
  to_char(last_recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS last_recorded_at
FROM __schema__.streams
WHERE stream_id = $1
