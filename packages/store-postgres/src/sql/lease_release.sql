-- Expires a lease held with this token; the row (and its token) stays so the next token is higher.
UPDATE __schema__.leases
SET expires_at = 'epoch'
WHERE group_name = $1 AND partition = $2 AND token = $3::bigint
