-- The live leases of a group.
SELECT group_name, partition, owner, token::text AS token,
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at
FROM __schema__.leases
WHERE group_name = $1 AND expires_at >= clock_timestamp()
ORDER BY partition
