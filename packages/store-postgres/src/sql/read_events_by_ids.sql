-- The stored events under the proposed ids, with each id's place in the request (`ord`; NULL columns for ids not
-- stored): what core's idempotency rules classify when an append hit the unique index on events(id). The caller
-- orders by `ord`, so the plan needs no sort: one index probe per id.
SELECT p.ord::int AS ord, true AS existing, e.stream_id, e.revision::text AS revision, e.id::text AS id,
  e.tx_id::text AS tx_id, e.seq::text AS seq, e.type, e.data::text AS data, e.metadata::text AS metadata,
  to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at
FROM unnest($1::uuid[]) WITH ORDINALITY AS p(id, ord)
LEFT JOIN __schema__.events e ON e.id = p.id
