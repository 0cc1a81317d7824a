-- The last event a reader of the global log can see.
SELECT tx_id::text AS tx_id, seq::text AS seq
FROM __schema__.events e
WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
ORDER BY e.tx_id DESC, e.seq DESC
LIMIT 1
