-- A filtered page: scans at most $3 rows in log order, returning every scanned row's position and the matching rows' content.
SELECT s.tx_id::text AS tx_id, s.seq::text AS seq, s.matches, s.stream_id, s.revision::text AS revision, s.id::text AS id, s.type,
  CASE WHEN s.matches THEN s.data::text END AS data, CASE WHEN s.matches THEN s.metadata::text END AS metadata,
  to_char(s.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM (
  SELECT e.*,
    ($4::text[] IS NULL OR e.type = ANY ($4::text[]))
    AND ($5::text[] IS NULL OR split_part(e.stream_id, '-', 1) = ANY ($5::text[]))
    AND ($6::text IS NULL OR starts_with(e.stream_id, $6::text)) AS matches
  FROM __schema__.events e
  WHERE (e.tx_id, e.seq) > ($1::xid8, $2::bigint) AND e.tx_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY e.tx_id, e.seq
  LIMIT $3
) s
ORDER BY s.tx_id, s.seq
