-- Saves a checkpoint only while the fence's lease is current; the lease row stays share-locked until commit.
INSERT INTO __schema__.checkpoints (name, position, updated_at)
SELECT $1, $2, clock_timestamp()
WHERE EXISTS (
  SELECT 1 FROM __schema__.leases
  WHERE group_name = $3 AND partition = $4 AND token = $5::bigint AND expires_at >= clock_timestamp()
  FOR SHARE
)
ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
RETURNING name
