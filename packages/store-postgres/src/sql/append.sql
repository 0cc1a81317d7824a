-- One append in one round trip (see migration 0003 for what the function does).
SELECT existing, stream_id, revision::text AS revision, id::text AS id, tx_id::text AS tx_id, seq::text AS seq, type, data::text AS data,
  metadata::text AS metadata, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM __schema__.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
