-- Every checkpoint by name.
SELECT name, position, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
FROM __schema__.checkpoints
ORDER BY name
