-- Serialises appends that carry an inline hook (read-modify-write projections), per schema; released at commit.
SELECT pg_advisory_xact_lock(hashtextextended($1, 0))
