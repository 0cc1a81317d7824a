-- Store-level capabilities: unique values, snapshots, consumer checkpoints, leases, members and documents.
CREATE TABLE __schema__.uniques (
  scope text COLLATE "C" NOT NULL,
  value text COLLATE "C" NOT NULL,
  owner text NOT NULL,
  PRIMARY KEY (scope, value)
);

CREATE TABLE __schema__.snapshots (
  stream_id text COLLATE "C" NOT NULL,
  name text COLLATE "C" NOT NULL,
  revision bigint NOT NULL,
  schema_version integer NOT NULL,
  state json NOT NULL,
  taken_at text NOT NULL,
  PRIMARY KEY (stream_id, name)
);

CREATE TABLE __schema__.checkpoints (
  name text COLLATE "C" PRIMARY KEY,
  position text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Rows are never deleted, so a lease's token only ever grows per (group, partition).
CREATE TABLE __schema__.leases (
  group_name text COLLATE "C" NOT NULL,
  partition integer NOT NULL,
  owner text NOT NULL,
  token bigint NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (group_name, partition)
);

CREATE TABLE __schema__.members (
  group_name text COLLATE "C" NOT NULL,
  member text COLLATE "C" NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (group_name, member)
);

CREATE TABLE __schema__.documents (
  collection text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  doc jsonb NOT NULL,
  PRIMARY KEY (collection, id)
);
