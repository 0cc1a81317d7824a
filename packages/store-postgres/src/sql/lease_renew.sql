-- Extends a lease still held with this token.
UPDATE __schema__.leases
SET expires_at = clock_timestamp() + $5::integer * interval '1 millisecond'
WHERE group_name = $1 AND partition = $2 AND owner = $3 AND token = $4::bigint AND expires_at >= clock_timestamp()
RETURNING group_name, partition, owner, token::text AS token,
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at
