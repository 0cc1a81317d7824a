-- The versions already applied.
SELECT version FROM __schema__.migrations ORDER BY version
