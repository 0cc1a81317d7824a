-- Removes a checkpoint.
DELETE FROM __schema__.checkpoints WHERE name = $1
