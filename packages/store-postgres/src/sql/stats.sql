-- Event and stream counts from the streams table (a stream's event count is its last revision + 1).
SELECT coalesce(sum(last_revision + 1), 0)::text AS events, count(*)::text AS streams
FROM __schema__.streams
