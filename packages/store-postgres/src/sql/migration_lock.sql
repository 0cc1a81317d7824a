-- Serialises concurrent migrate() calls on one schema (released at commit).
SELECT pg_advisory_xact_lock(hashtextextended($1, 0))
