-- The common append, one write to one stream without conditions or unique values, as its own function with seven
-- parameters (append_events takes sixteen, and binding them costs every call) and one answer row. Same guarantees as
-- append_events (0004), which the store keeps using for every other append:
-- * a transaction-scoped advisory lock on the stream serialises writers of that stream (it also covers a stream that
--   does not exist yet);
-- * the expected revision is checked under that lock; a refusal raises LB001 and rolls everything back;
-- * idempotency: a stored id stops the insert at the unique index on events(id) (23505, events_id); before a
--   refusal the ids are looked up and LB002 'stored_ids' is raised instead; the store then reads and classifies them.
CREATE FUNCTION __schema__.append_to_stream(
  w_stream text,
  w_expected text,
  e_ids uuid[],
  e_types text[],
  e_data text[],
  e_meta text[],
  channel text
) RETURNS TABLE (
  first_revision bigint,
  tx_id xid8,
  seqs bigint[],
  recorded_at timestamptz
) LANGUAGE plpgsql
-- As in append_events: only index plans, planned once per session.
SET enable_seqscan = off
SET plan_cache_mode = force_generic_plan
AS $$
#variable_conflict use_column
DECLARE
  n integer := cardinality(e_ids);
  cur bigint;
  matches boolean;
  ts timestamptz := clock_timestamp();
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(w_stream, 0));

  -- The usual case, an existing stream at the expected revision: move its row on and insert, in one statement.
  RETURN QUERY
    WITH moved AS (
      UPDATE __schema__.streams s SET last_revision = s.last_revision + n, last_recorded_at = ts
      WHERE s.stream_id = w_stream AND CASE w_expected
        WHEN 'any' THEN true
        WHEN 'stream_exists' THEN true
        WHEN 'no_stream' THEN false
        ELSE s.last_revision = w_expected::bigint
      END
      RETURNING s.last_revision - n AS cur
    ),
    inserted AS (
      INSERT INTO __schema__.events AS e (stream_id, revision, id, type, data, metadata, recorded_at)
      SELECT w_stream, m.cur + p.ord, p.id, p.type, p.data::json, p.meta::json, ts
      FROM moved m, unnest(e_ids, e_types, e_data, e_meta) WITH ORDINALITY AS p(id, type, data, meta, ord)
      ORDER BY p.ord
      RETURNING e.revision, e.tx_id, e.seq
    )
    SELECT min(i.revision), (array_agg(i.tx_id))[1], array_agg(i.seq ORDER BY i.revision), ts
    FROM inserted i
    HAVING count(*) > 0;

  IF NOT FOUND THEN
    -- Not moved: the stream does not exist, or the expected revision does not match (same rule as revisionMatches).
    SELECT s.last_revision INTO cur FROM __schema__.streams s WHERE s.stream_id = w_stream;
    matches := CASE w_expected
      WHEN 'any' THEN true
      WHEN 'no_stream' THEN cur IS NULL
      WHEN 'stream_exists' THEN cur IS NOT NULL
      ELSE coalesce(cur = w_expected::bigint, false)
    END;
    IF NOT matches THEN
      -- Idempotency before refusals.
      IF EXISTS (SELECT 1 FROM __schema__.events e WHERE e.id = ANY (e_ids)) THEN
        RAISE EXCEPTION USING ERRCODE = 'LB002', MESSAGE = 'stored_ids';
      END IF;
      RAISE EXCEPTION USING ERRCODE = 'LB001', MESSAGE = 'wrong_expected_revision',
        DETAIL = json_build_object('streamId', w_stream, 'actual', cur::text)::text;
    END IF;
    -- A new stream (an existing one that matches was moved above, under the same lock).
    INSERT INTO __schema__.streams (stream_id, last_revision, first_recorded_at, last_recorded_at)
    VALUES (w_stream, n - 1, ts, ts);
    RETURN QUERY
      WITH inserted AS (
        INSERT INTO __schema__.events AS e (stream_id, revision, id, type, data, metadata, recorded_at)
        SELECT w_stream, p.ord - 1, p.id, p.type, p.data::json, p.meta::json, ts
        FROM unnest(e_ids, e_types, e_data, e_meta) WITH ORDINALITY AS p(id, type, data, meta, ord)
        ORDER BY p.ord
        RETURNING e.revision, e.tx_id, e.seq
      )
      SELECT min(i.revision), (array_agg(i.tx_id))[1], array_agg(i.seq ORDER BY i.revision), ts
      FROM inserted i;
  END IF;

  -- Delivered at commit, never for a rollback. NULL: the caller notifies after commit instead.
  IF channel IS NOT NULL THEN
    PERFORM pg_notify(channel, '');
  END IF;
END
$$;
