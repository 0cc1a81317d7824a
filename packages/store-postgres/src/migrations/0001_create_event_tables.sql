-- Events and their streams. __schema__ is replaced by the validated, quoted schema identifier.
-- tx_id + seq order the global log: readers only read below the oldest running transaction (see docs/stores/postgres.md).
CREATE TABLE __schema__.streams (
  stream_id text COLLATE "C" PRIMARY KEY,
  last_revision bigint NOT NULL,
  first_recorded_at timestamptz NOT NULL,
  last_recorded_at timestamptz NOT NULL
);

CREATE TABLE __schema__.events (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stream_id text COLLATE "C" NOT NULL,
  revision bigint NOT NULL,
  id uuid NOT NULL,
  type text NOT NULL,
  -- json (not jsonb) keeps payloads byte for byte: key order, duplicate keys, number spelling.
  data json NOT NULL,
  metadata json NOT NULL,
  recorded_at timestamptz NOT NULL,
  CONSTRAINT events_stream_revision PRIMARY KEY (stream_id, revision)
);

-- Event ids are unique across the store: the idempotency guarantee is this constraint, not a cache.
CREATE UNIQUE INDEX events_id ON __schema__.events (id);
-- The global log's order and resume key.
CREATE UNIQUE INDEX events_log ON __schema__.events (tx_id, seq);
