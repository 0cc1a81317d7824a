-- A consumer's checkpoint.
SELECT position FROM __schema__.checkpoints WHERE name = $1
