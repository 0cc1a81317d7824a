-- Saves a checkpoint without a fence.
INSERT INTO __schema__.checkpoints (name, position, updated_at)
VALUES ($1, $2, clock_timestamp())
ON CONFLICT (name) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
