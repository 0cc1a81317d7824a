// Migration 1: the event log, stream heads and the side tables for uniques, snapshots, checkpoints, leases and documents.
import type { Migration } from '../migrate.js';

// Positions are the rowid (INTEGER PRIMARY KEY), assigned as max+1 inside the write transaction, so the log is
// gap-free and in commit order. TEXT columns use the default BINARY collation, which in a UTF-8 database orders
// by UTF-8 bytes: the order listStreams promises.
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE logbook_events (
  position    INTEGER PRIMARY KEY,
  id          TEXT    NOT NULL,
  stream_id   TEXT    NOT NULL,
  revision    INTEGER NOT NULL,
  type        TEXT    NOT NULL,
  category    TEXT    NOT NULL,
  data        TEXT    NOT NULL,
  metadata    TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
) STRICT;
CREATE UNIQUE INDEX logbook_events_id ON logbook_events (id);
CREATE UNIQUE INDEX logbook_events_stream ON logbook_events (stream_id, revision);
CREATE INDEX logbook_events_type ON logbook_events (type, position);
CREATE INDEX logbook_events_category ON logbook_events (category, position);

CREATE TABLE logbook_streams (
  stream_id         TEXT    PRIMARY KEY,
  last_revision     INTEGER NOT NULL,
  first_recorded_at TEXT    NOT NULL,
  last_recorded_at  TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE logbook_uniques (
  scope TEXT NOT NULL,
  value TEXT NOT NULL,
  owner TEXT NOT NULL,
  PRIMARY KEY (scope, value)
) STRICT, WITHOUT ROWID;

CREATE TABLE logbook_snapshots (
  stream_id      TEXT    NOT NULL,
  name           TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  state          TEXT    NOT NULL,
  taken_at       TEXT    NOT NULL,
  PRIMARY KEY (stream_id, name)
) STRICT, WITHOUT ROWID;

CREATE TABLE logbook_checkpoints (
  name       TEXT PRIMARY KEY,
  position   TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE logbook_leases (
  group_name TEXT    NOT NULL,
  partition  INTEGER NOT NULL,
  owner      TEXT    NOT NULL,
  token      INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (group_name, partition)
) STRICT, WITHOUT ROWID;

CREATE TABLE logbook_lease_members (
  group_name TEXT    NOT NULL,
  member     TEXT    NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (group_name, member)
) STRICT, WITHOUT ROWID;

CREATE TABLE logbook_documents (
  collection TEXT NOT NULL,
  id         TEXT NOT NULL,
  doc        TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) STRICT, WITHOUT ROWID;
`,
};
