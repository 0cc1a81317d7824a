-- A leaner append_events (same parameters and result columns as 0003's, same guarantees), measured with
-- scripts/profile-append.ts: fewer statements per call, and set-based work instead of one statement per stream.
-- * Stored ids are no longer handed back as rows: no up-front lookup on the common path, the unique index on
--   events(id) stops a stored id at insert time (SQLSTATE 23505, constraint events_id). Where a refusal or a unique
--   claim comes first, the function looks the ids up and raises LB002 'stored_ids' instead (idempotency wins over
--   refusals). Either way the call rolls back and the store reads the stored events (read_events_by_ids) for core's
--   rules to classify.
-- * One stream without conditions or unique values (the common case) moves its stream row first and checks the
--   expected revision against the revision it had; otherwise one statement checks every expected revision and one
--   inserts the events and moves the stream rows on.
-- * Rows of written events carry no type/data/metadata: the caller sent them and rebuilds them from its request.
CREATE OR REPLACE FUNCTION __schema__.append_events(
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
-- scan; this makes the index the only choice at any size.
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
  lock_key bigint;
  bad integer;
  cur bigint;
  expected text;
  matches boolean;
  holder text;
  ts timestamptz := clock_timestamp();
BEGIN
  -- Per-stream advisory locks in key order (no deadlocks between multi-stream appends); they also cover streams that
  -- do not exist yet, which row locks cannot. One stream (the common case) needs no sort.
  IF cardinality(w_streams) + cardinality(c_streams) = 1 THEN
    PERFORM pg_advisory_xact_lock(hashtextextended(coalesce(w_streams[1], c_streams[1]), 0));
  ELSE
    FOR lock_key IN SELECT DISTINCT hashtextextended(s, 0) FROM unnest(w_streams || c_streams) AS s ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(lock_key);
    END LOOP;
  END IF;

  IF cardinality(w_streams) = 1 AND cardinality(c_streams) = 0 AND cardinality(claim_scopes) + cardinality(release_scopes) = 0 THEN
    -- The common case, one stream and nothing else: move its row on first (under the lock nobody else moves it) and
    -- check the expected revision against the revision it had; a refusal raises, which rolls the move back.
    UPDATE __schema__.streams s SET last_revision = s.last_revision + w_counts[1], last_recorded_at = ts
    WHERE s.stream_id = w_streams[1]
    RETURNING s.last_revision - w_counts[1] INTO cur;
    expected := w_expected[1];
    matches := CASE expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN cur IS NULL
      WHEN 'stream_exists' THEN cur IS NOT NULL
      ELSE coalesce(cur = expected::bigint, false)
    END;
    IF NOT matches THEN
      -- Idempotency before refusals; the caller reads the stored events and classifies them.
      IF EXISTS (SELECT 1 FROM __schema__.events e WHERE e.id = ANY (e_ids)) THEN
        RAISE EXCEPTION USING ERRCODE = 'LB002', MESSAGE = 'stored_ids';
      END IF;
      RAISE EXCEPTION USING ERRCODE = 'LB001', MESSAGE = 'wrong_expected_revision',
        DETAIL = json_build_object('streamId', w_streams[1], 'actual', cur::text)::text;
    END IF;
    IF cur IS NULL THEN
      INSERT INTO __schema__.streams (stream_id, last_revision, first_recorded_at, last_recorded_at)
      VALUES (w_streams[1], w_counts[1] - 1, ts, ts);
      cur := -1;
    END IF;
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO __schema__.events AS e (stream_id, revision, id, type, data, metadata, recorded_at)
        SELECT w_streams[1], cur + p.ord, p.id, p.type, p.data::json, p.meta::json, ts
        FROM unnest(e_ids, e_types, e_data, e_meta) WITH ORDINALITY AS p(id, type, data, meta, ord)
        ORDER BY p.ord
        RETURNING e.stream_id, e.revision, e.id, e.tx_id, e.seq
      )
      SELECT false, n.stream_id::text, n.revision, n.id, n.tx_id, n.seq, NULL::text, NULL::json, NULL::json, ts
      FROM inserted n;
    IF channel IS NOT NULL THEN
      PERFORM pg_notify(channel, '');
    END IF;
    RETURN;
  END IF;

  -- Expected revisions (the same rule as core's revisionMatches), read under the locks: the first mismatch, if any.
  SELECT p.ord::integer, s.last_revision INTO bad, cur
  FROM unnest(w_streams || c_streams, w_expected || c_expected) WITH ORDINALITY AS p(sid, expected, ord)
  LEFT JOIN __schema__.streams s ON s.stream_id = p.sid
  WHERE NOT CASE p.expected
    WHEN 'any' THEN true
    WHEN 'no_stream' THEN s.last_revision IS NULL
    WHEN 'stream_exists' THEN s.last_revision IS NOT NULL
    ELSE coalesce(s.last_revision = p.expected::bigint, false)
  END
  ORDER BY p.ord
  LIMIT 1;

  -- Idempotency before refusals (and before claims): stored ids are for the caller to read and classify.
  IF bad IS NOT NULL OR cardinality(claim_scopes) + cardinality(release_scopes) > 0 THEN
    IF EXISTS (SELECT 1 FROM __schema__.events e WHERE e.id = ANY (e_ids)) THEN
      RAISE EXCEPTION USING ERRCODE = 'LB002', MESSAGE = 'stored_ids';
    END IF;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'LB001', MESSAGE = 'wrong_expected_revision',
        DETAIL = json_build_object('streamId', (w_streams || c_streams)[bad], 'actual', cur::text)::text;
    END IF;
  END IF;

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

  -- The events of every write (revisions continue each stream; seq follows the request's order) and the stream rows.
  RETURN QUERY
    WITH w AS (
      SELECT p.sid, p.n, sum(p.n) OVER (ORDER BY p.ord) - p.n AS offs, coalesce(s.last_revision, -1) AS cur
      FROM unnest(w_streams, w_counts) WITH ORDINALITY AS p(sid, n, ord)
      LEFT JOIN __schema__.streams s ON s.stream_id = p.sid
    ),
    moved AS (
      INSERT INTO __schema__.streams AS s (stream_id, last_revision, first_recorded_at, last_recorded_at)
      SELECT w.sid, w.cur + w.n, ts, ts FROM w
      ON CONFLICT (stream_id) DO UPDATE SET last_revision = excluded.last_revision, last_recorded_at = excluded.last_recorded_at
    ),
    inserted AS (
      INSERT INTO __schema__.events AS e (stream_id, revision, id, type, data, metadata, recorded_at)
      SELECT w.sid, w.cur + p.ord - w.offs, p.id, p.type, p.data::json, p.meta::json, ts
      FROM unnest(e_ids, e_types, e_data, e_meta) WITH ORDINALITY AS p(id, type, data, meta, ord)
      JOIN w ON p.ord > w.offs AND p.ord <= w.offs + w.n
      ORDER BY p.ord
      RETURNING e.stream_id, e.revision, e.id, e.tx_id, e.seq
    )
    SELECT false, n.stream_id::text, n.revision, n.id, n.tx_id, n.seq, NULL::text, NULL::json, NULL::json, ts
    FROM inserted n;

  -- Delivered at commit, never for a rollback. NULL: the caller notifies after commit instead.
  IF channel IS NOT NULL THEN
    PERFORM pg_notify(channel, '');
  END IF;
END
$$;
