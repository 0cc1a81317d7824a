-- Takes a lease that is free, expired or already ours; a new owner (or an expired one) gets the next token.
INSERT INTO __schema__.leases AS l (group_name, partition, owner, token, expires_at)
VALUES ($1, $2, $3, 1, clock_timestamp() + $4::integer * interval '1 millisecond')
ON CONFLICT (group_name, partition) DO UPDATE
SET token = CASE WHEN l.owner = excluded.owner AND l.expires_at >= clock_timestamp() THEN l.token ELSE l.token + 1 END,
  owner = excluded.owner,
  expires_at = excluded.expires_at
WHERE l.owner = excluded.owner OR l.expires_at < clock_timestamp()
RETURNING group_name, partition, owner, token::text AS token,
  to_char(expires_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS expires_at
