// Versioned migrations: each file's effect, idempotent and concurrent migrate(), explicit vs on-first-use, schema names.
import { proposeEvents } from '@logbook/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresStore, migrate } from '../src/index.js';
import { MIGRATIONS } from '../src/sql.js';
import { freshSchemaName, testPostgresUrl } from '../src/testing/index.js';
import { testStore } from './helpers.js';

let url: string;
let db: pg.Client;
beforeAll(async () => {
  url = await testPostgresUrl();
  db = new pg.Client({ connectionString: url });
  await db.connect();
});
afterAll(() => db.end());

const tables = async (schema: string) =>
  (
    await db.query({
      text: 'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename',
      values: [schema],
    })
  ).rows.map((r) => r.tablename);

/** Applies the migration files up to `version` by hand, to test each file on its own. */
async function migrateUpTo(schema: string, version: number): Promise<void> {
  await db.query(`CREATE SCHEMA "${schema}"`);
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) await db.query(m.text.replaceAll('__schema__', `"${schema}"`));
}

describe('migration files', () => {
  it('are numbered 1..n without gaps, one per file', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(MIGRATIONS.map((m) => m.name)).toEqual([
      'create_event_tables',
      'create_side_tables',
      'create_append_function',
      'leaner_append_function',
      'create_append_to_stream_function',
      'append_to_stream_plain_statements',
    ]);
  });

  it('0001 create_event_tables: streams and events with the id, log and stream indexes', async () => {
    const schema = freshSchemaName('m1');
    await migrateUpTo(schema, 1);
    expect(await tables(schema)).toEqual(['events', 'streams']);
    const indexes = await db.query({
      text: 'SELECT indexname FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname',
      values: [schema, 'events'],
    });
    expect(indexes.rows.map((r) => r.indexname)).toEqual(['events_id', 'events_log', 'events_stream_revision']);
    // tx_id defaults to the writing transaction's id.
    await db.query('BEGIN');
    const xid = (await db.query('SELECT pg_current_xact_id()::text AS x')).rows[0].x;
    await db.query(
      `INSERT INTO "${schema}".events (stream_id, revision, id, type, data, metadata, recorded_at)
       VALUES ('s', 0, gen_random_uuid(), 't', '{}', '{}', now())`,
    );
    const row = (await db.query(`SELECT tx_id::text AS x, seq FROM "${schema}".events`)).rows[0];
    await db.query('COMMIT');
    expect(row.x).toBe(xid);
  });

  it('0002 create_side_tables: uniques, snapshots, checkpoints, leases, members, documents', async () => {
    const schema = freshSchemaName('m2');
    await migrateUpTo(schema, 2);
    expect(await tables(schema)).toEqual([
      'checkpoints',
      'documents',
      'events',
      'leases',
      'members',
      'snapshots',
      'streams',
      'uniques',
    ]);
  });

  it('0003 create_append_function: append_events exists and appends', async () => {
    const schema = freshSchemaName('m3');
    await migrateUpTo(schema, 3);
    const r = await db.query({
      text: `SELECT revision FROM "${schema}".append_events($1, $2, $3, '{}', '{}', $4, $5, $6, $7, '{}', '{}', '{}', '{}', '{}', '{}', 'c')`,
      values: [['s-1'], ['no_stream'], [1], [proposeEvents([{ type: 't', data: 1 }])[0]?.id], ['t'], ['1'], ['{}']],
    });
    expect(r.rows).toEqual([{ revision: '0' }]);
  });

  it('0004 leaner_append_function: replaces append_events; success rows leave the payload to the caller', async () => {
    const schema = freshSchemaName('m4');
    await migrateUpTo(schema, 4);
    const call = (streams: string[], expected: string[], counts: number[], n: number) =>
      db.query({
        text: `SELECT revision, type, data FROM "${schema}".append_events($1, $2, $3, '{}', '{}', $4, $5, $6, $7, '{}', '{}', '{}', '{}', '{}', '{}', NULL)`,
        values: [
          streams,
          expected,
          counts,
          proposeEvents(Array.from({ length: n }, () => ({ type: 't', data: 1 }))).map((e) => e.id),
          Array(n).fill('t'),
          Array(n).fill('1'),
          Array(n).fill('{}'),
        ],
      });
    expect((await call(['s-1'], ['no_stream'], [1], 1)).rows).toEqual([{ revision: '0', type: null, data: null }]);
    // Two streams in one call: each continues its own revisions.
    const two = await call(['s-1', 's-2'], ['0', 'no_stream'], [2, 1], 3);
    expect(two.rows.map((r) => r.revision)).toEqual(['1', '2', '0']);
    const functions = await db.query({
      text: 'SELECT count(*)::int AS n FROM pg_proc WHERE proname = $1 AND pronamespace = $2::regnamespace',
      values: ['append_events', `"${schema}"`],
    });
    expect(functions.rows[0].n).toBe(1);
  });

  it.each([5, 6])('%i create/rewrite append_to_stream: one stream, one answer row', async (version) => {
    const schema = freshSchemaName(`m${version}`);
    await migrateUpTo(schema, version);
    const call = (expected: string, n: number) =>
      db.query({
        text: `SELECT first_revision, array_length(seqs, 1) AS n FROM "${schema}".append_to_stream('s', $1, $2, $3, $4, $5, NULL)`,
        values: [
          expected,
          proposeEvents(Array.from({ length: n }, () => ({ type: 't', data: 1 }))).map((e) => e.id),
          Array(n).fill('t'),
          Array(n).fill('1'),
          Array(n).fill('{}'),
        ],
      });
    expect((await call('no_stream', 3)).rows).toEqual([{ first_revision: '0', n: 3 }]);
    expect((await call('2', 1)).rows).toEqual([{ first_revision: '3', n: 1 }]);
    await expect(call('2', 1)).rejects.toMatchObject({ code: 'LB001' });
    expect((await call('3', 2)).rows).toEqual([{ first_revision: '4', n: 2 }]);
  });
});

describe('migrate()', () => {
  it('applies every migration once and records it; a second run applies nothing', async () => {
    const schema = freshSchemaName('mig');
    expect(await migrate({ connectionString: url, schema })).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await migrate({ connectionString: url, schema })).toEqual([]);
    const recorded = await db.query(`SELECT version, name FROM "${schema}".migrations ORDER BY version`);
    expect(recorded.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
  });

  it('is safe to run concurrently: each migration is applied exactly once', async () => {
    const schema = freshSchemaName('conc');
    const runs = await Promise.all(Array.from({ length: 4 }, () => migrate({ connectionString: url, schema })));
    expect(runs.flat().sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("with migrate: 'explicit' the store does not touch the schema until migrate() is called", async () => {
    const schema = freshSchemaName('expl');
    const store = await testStore({ schema, migrate: 'explicit' });
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'store_unavailable', message: /not migrated/ });
    expect(await tables(schema)).toEqual([]);
    expect(await store.migrate()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await store.headPosition()).toBe('0');
  });

  it("with migrate: 'on-first-use' (the default) the first operation migrates", async () => {
    const schema = freshSchemaName('first');
    const store = await testStore({ schema });
    expect((await store.streamInfo('nothing')).exists).toBe(false);
    expect(await tables(schema)).toContain('events');
  });

  it('refuses a log whose transaction ids are ahead of the server (a logical restore into a new cluster)', async () => {
    const schema = freshSchemaName('restored');
    await migrate({ connectionString: url, schema });
    // What a pg_dump of an older, busier cluster brings along: ids far above this server's counter.
    await db.query(
      `INSERT INTO "${schema}".events (tx_id, stream_id, revision, id, type, data, metadata, recorded_at)
       VALUES ('987654321987'::xid8, 's', 0, gen_random_uuid(), 't', '{}', '{}', now())`,
    );
    const store = await testStore({ schema });
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'store_unavailable', message: /pg_resetwal -e/ });
  });

  it.each(['Logbook', 'a-b', 'a;drop table x', 'pg_catalog', '', 'x'.repeat(64), '1abc', 'a"b'])(
    'rejects the schema name %j',
    (schema) => {
      expect(() => createPostgresStore({ connectionString: url, schema })).toThrow(/schema name/);
    },
  );
});
