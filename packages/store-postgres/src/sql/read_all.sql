-- A page of the global log strictly after ($1, $2), only below the oldest running transaction: nothing can commit there later.
SELECT stream_id, revision::text AS revision, id::text AS id, tx_id::text AS tx_id, seq::text AS seq, type, data::text AS data,
  metadata::text AS metadata, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM __schema__.events e
WHERE (tx_id, seq) > ($1::xid8, $2::bigint) AND tx_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY e.tx_id, e.seq
LIMIT $3
