-- Whether committed or running events wait behind the oldest running transaction (readers should look again soon).
SELECT EXISTS (
  SELECT 1 FROM __schema__.events WHERE tx_id >= pg_snapshot_xmin(pg_current_snapshot())
) AS blocked
