-- The whole append in one call (one round trip): lock, idempotency lookup, expected revisions, uniques, insert, notify.
-- Failures RAISE with SQLSTATE LB001 (message = code, detail = JSON), which rolls back everything the call did.
CREATE FUNCTION __schema__.append_events(
  w_streams text[],
  w_expected text[],
  w_counts integer[],
  c_streams text[],
  c_expected text[],
  e_ids uuid[],
  e_types text[],
  e_data text[],
  e_meta text[],
  claim_scopes text[],
  claim_values text[],
  claim_owners text[],
  release_scopes text[],
  release_values text[],
  release_owners text[],
  channel text
) RETURNS TABLE (
  existing boolean,
  stream_id text,
  revision bigint,
  id uuid,
  tx_id xid8,
  seq bigint,
  type text,
  data json,
  metadata json,
  recorded_at timestamptz
) LANGUAGE plpgsql
-- Every statement below has an index to use. Plans cached while the tables were tiny must never keep a sequential
-- scan (the id lookup would then cost O(table) per append); this makes the index the only choice at any size.
SET enable_seqscan = off
AS $$
#variable_conflict use_column
DECLARE
  all_streams text[] := w_streams || c_streams;
  all_expected text[] := w_expected || c_expected;
  lock_key bigint;
  cur bigint;
  expected text;
  matches boolean;
  bases bigint[] := '{}';
  holder text;
  offs integer := 0;
  ts timestamptz := clock_timestamp();
BEGIN
  -- Per-stream advisory locks, taken in key order so concurrent multi-stream appends cannot deadlock.
  -- They also cover streams that do not exist yet, which row locks cannot.
  FOR lock_key IN SELECT DISTINCT hashtextextended(s, 0) FROM unnest(all_streams) AS s ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(lock_key);
  END LOOP;

  -- Idempotency first: hand back what is stored under these ids; the caller classifies it (core rules).
  IF EXISTS (SELECT 1 FROM __schema__.events e WHERE e.id = ANY (e_ids)) THEN
    RETURN QUERY
      SELECT true, e.stream_id::text, e.revision, e.id, e.tx_id, e.seq, e.type, e.data, e.metadata, e.recorded_at
      FROM unnest(e_ids) WITH ORDINALITY AS p(id, ord)
      LEFT JOIN __schema__.events e ON e.id = p.id
      ORDER BY p.ord;
    RETURN;
  END IF;

  -- Expected revisions (the same rule as core's revisionMatches), read under the locks.
  FOR i IN 1 .. coalesce(array_length(all_streams, 1), 0) LOOP
    SELECT s.last_revision INTO cur FROM __schema__.streams s WHERE s.stream_id = all_streams[i];
    IF NOT FOUND THEN
      cur := NULL;
    END IF;
    expected := all_expected[i];
    matches := CASE expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN cur IS NULL
      WHEN 'stream_exists' THEN cur IS NOT NULL
      ELSE coalesce(cur = expected::bigint, false)
    END;
    IF NOT matches THEN
      RAISE EXCEPTION USING ERRCODE = 'LB001', MESSAGE = 'wrong_expected_revision',
        DETAIL = json_build_object('streamId', all_streams[i], 'actual', cur::text)::text;
    END IF;
    IF i <= coalesce(array_length(w_streams, 1), 0) THEN
      bases := bases || (coalesce(cur, -1) + 1);
    END IF;
  END LOOP;

  -- Unique values: releases (only by their holder), then claims.
  IF cardinality(release_scopes) > 0 THEN
    DELETE FROM __schema__.uniques u
    USING unnest(release_scopes, release_values, release_owners) AS r(scope, value, owner)
    WHERE u.scope = r.scope AND u.value = r.value AND u.owner = r.owner;
  END IF;
  FOR i IN 1 .. coalesce(array_length(claim_scopes, 1), 0) LOOP
    -- DO UPDATE (not DO NOTHING) waits for and locks a concurrent claimer's row, so the holder read here is final.
    INSERT INTO __schema__.uniques AS u (scope, value, owner)
    VALUES (claim_scopes[i], claim_values[i], claim_owners[i])
    ON CONFLICT (scope, value) DO UPDATE SET owner = u.owner
    RETURNING u.owner INTO holder;
    IF holder <> claim_owners[i] THEN
      RAISE EXCEPTION USING ERRCODE = 'LB001', MESSAGE = 'unique_violation',
        DETAIL = json_build_object('scope', claim_scopes[i], 'value', claim_values[i], 'owner', holder)::text;
    END IF;
  END LOOP;

  FOR i IN 1 .. coalesce(array_length(w_streams, 1), 0) LOOP
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO __schema__.events AS e (stream_id, revision, id, type, data, metadata, recorded_at)
        SELECT w_streams[i], bases[i] + p.ord - 1, p.id, p.type, p.data::json, p.meta::json, ts
        FROM unnest(
          e_ids[offs + 1 : offs + w_counts[i]],
          e_types[offs + 1 : offs + w_counts[i]],
          e_data[offs + 1 : offs + w_counts[i]],
          e_meta[offs + 1 : offs + w_counts[i]]
        ) WITH ORDINALITY AS p(id, type, data, meta, ord)
        ORDER BY p.ord
        RETURNING e.stream_id, e.revision, e.id, e.tx_id, e.seq, e.type, e.data, e.metadata, e.recorded_at
      )
      SELECT false, n.stream_id::text, n.revision, n.id, n.tx_id, n.seq, n.type, n.data, n.metadata, n.recorded_at
      FROM inserted n;
    INSERT INTO __schema__.streams AS s (stream_id, last_revision, first_recorded_at, last_recorded_at)
    VALUES (w_streams[i], bases[i] + w_counts[i] - 1, ts, ts)
    ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_recorded_at = excluded.last_recorded_at;
    offs := offs + w_counts[i];
  END LOOP;

  -- Delivered at commit, never for a rollback. NULL: the caller notifies after commit instead.
  IF channel IS NOT NULL THEN
    PERFORM pg_notify(channel, '');
  END IF;
END
$$;
