-- Removes every unique claim (rebuilds only).
DELETE FROM __schema__.uniques
