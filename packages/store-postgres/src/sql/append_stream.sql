-- The common append (one stream, no conditions, no unique values) in one round trip: see migration 0005.
SELECT first_revision::text AS first_revision, tx_id::text AS tx_id, array_to_string(seqs, ',') AS seqs,
  to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM __schema__.append_to_stream($1, $2, $3, $4, $5, $6, $7)
