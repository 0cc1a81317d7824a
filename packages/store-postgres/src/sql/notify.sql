-- Wakes every listener of the schema's channel (after-commit notification mode).
SELECT pg_notify($1, '') AS notified
