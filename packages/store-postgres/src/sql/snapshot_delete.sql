-- Removes a snapshot.
DELETE FROM __schema__.snapshots WHERE stream_id = $1 AND name = $2
