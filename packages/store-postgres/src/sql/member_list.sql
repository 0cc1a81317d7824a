-- The live members of a group.
SELECT member FROM __schema__.members
WHERE group_name = $1 AND expires_at >= clock_timestamp()
ORDER BY member
