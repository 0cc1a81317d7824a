-- The migrations ledger (created before anything else, in the schema it describes).
CREATE TABLE IF NOT EXISTS __schema__.migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)
