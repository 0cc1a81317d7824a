-- Health probe.
SELECT 1 AS ok
