-- The highest transaction id stored and the next one the server will assign; stored ids at or above it mean
-- the data came from another cluster (a logical dump/restore) and new events would sort before old ones.
SELECT (SELECT e.tx_id FROM __schema__.events e ORDER BY e.tx_id DESC LIMIT 1)::text AS max_tx_id,
  pg_snapshot_xmax(pg_current_snapshot())::text AS next_tx_id
