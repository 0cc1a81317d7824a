-- A member says it is alive for another $3 ms.
INSERT INTO __schema__.members (group_name, member, expires_at)
VALUES ($1, $2, clock_timestamp() + $3::integer * interval '1 millisecond')
ON CONFLICT (group_name, member) DO UPDATE SET expires_at = excluded.expires_at
