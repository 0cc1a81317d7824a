-- A member leaves its group.
DELETE FROM __schema__.members WHERE group_name = $1 AND member = $2
