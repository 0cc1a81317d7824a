// One test per SQL operation file (src/sql/*.sql), run directly against a migrated schema.
import { readdirSync } from 'node:fs';
import { type AppendRequest, type ExpectedRevision, proposeEvents } from '@logbook/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendParams } from '../src/append.js';
import { migrate } from '../src/index.js';
import { channelName } from '../src/schema-name.js';
import { OPERATIONS, type Operation, Statements } from '../src/sql.js';
import { freshSchemaName, testPostgresUrl } from '../src/testing/index.js';

const schema = freshSchemaName('ops');
const st = new Statements(schema);
let db: pg.Client;
let other: pg.Client;

beforeAll(async () => {
  const url = await testPostgresUrl();
  await migrate({ connectionString: url, schema });
  db = new pg.Client({ connectionString: url });
  other = new pg.Client({ connectionString: url });
  await db.connect();
  await other.connect();
});
afterAll(async () => {
  await db.end();
  await other.end();
});

const q = async (op: Operation, values: unknown[] = [], on: pg.Client = db) => (await on.query(st.q(op, values))).rows;
const request = (streamId: string, n: number, expectedRevision: ExpectedRevision = 'any'): AppendRequest => ({
  writes: [
    { streamId, expectedRevision, events: proposeEvents(Array.from({ length: n }, (_, i) => ({ type: 'T', data: { i } }))) },
  ],
});
const append = (r: AppendRequest, on: pg.Client = db) => q('append', appendParams(r, channelName(schema)), on);
const pos = (row: { tx_id: string; seq: string }) => [row.tx_id, row.seq];

const tests: Record<Operation, () => Promise<void>> = {
  append: async () => {
    const r = request('op-append', 2);
    const rows = await append(r);
    expect(rows.map((x) => [x.existing, x.stream_id, x.revision])).toEqual([
      [false, 'op-append', '0'],
      [false, 'op-append', '1'],
    ]);
    // The same ids again: nothing written, the stored rows come back for core to classify.
    const again = await append(r);
    expect(again.map((x) => [x.existing, x.revision])).toEqual([
      [true, '0'],
      [true, '1'],
    ]);
    await expect(append(request('op-append', 1, 5n))).rejects.toMatchObject({
      code: 'LB001',
      message: 'wrong_expected_revision',
    });
  },
  inline_lock: async () => {
    await db.query('BEGIN');
    await q('inline_lock', ['inline-test']);
    const r = await other.query({
      text: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got',
      values: ['inline-test'],
    });
    await db.query('COMMIT');
    expect(r.rows[0].got).toBe(false);
  },
  notify: async () => {
    const got = new Promise<string>((resolve) => other.once('notification', (m) => resolve(m.channel)));
    await other.query(`LISTEN "${channelName(schema)}"`);
    await q('notify', [channelName(schema)]);
    expect(await got).toBe(channelName(schema));
    await other.query(`UNLISTEN "${channelName(schema)}"`);
  },
  read_all: async () => {
    const [first] = await append(request('op-readall', 3));
    const rows = await q('read_all', [...pos(first), 10]);
    expect(rows.map((x) => x.revision)).toEqual(['1', '2']);
    expect(await q('read_all', [...pos(rows[1]), 10])).toEqual([]);
  },
  read_all_filtered: async () => {
    const [first] = await append(request('opf-1', 1));
    await append(request('other-1', 1));
    const rows = await q('read_all_filtered', [...pos(first), 100, null, ['opf'], null]);
    expect(rows.map((x) => [x.stream_id, x.matches, x.data === null])).toEqual([['other-1', false, true]]);
  },
  head_position: async () => {
    const rows = await append(request('op-head', 1));
    expect(pos((await q('head_position'))[0])).toEqual(pos(rows[0]));
  },
  blocked_events: async () => {
    // A running transaction with an older transaction id hides a later commit from readers until it ends.
    await other.query('BEGIN');
    await other.query('SELECT pg_current_xact_id()');
    const [mine] = await append(request('op-blocked', 1));
    const before = await q('head_position');
    expect((await q('blocked_events'))[0].blocked).toBe(true);
    expect(pos(before[0])).not.toEqual(pos(mine));
    await other.query('ROLLBACK');
    expect((await q('blocked_events'))[0].blocked).toBe(false);
    expect(pos((await q('head_position'))[0])).toEqual(pos(mine));
  },
  read_stream_forward: async () => {
    await append(request('op-fwd', 5));
    expect((await q('read_stream_forward', ['op-fwd', '2', 2])).map((x) => x.revision)).toEqual(['2', '3']);
  },
  read_stream_backward: async () => {
    await append(request('op-bwd', 5));
    expect((await q('read_stream_backward', ['op-bwd', '2', 5])).map((x) => x.revision)).toEqual(['2', '1', '0']);
  },
  read_event_by_id: async () => {
    const [row] = await append(request('op-byid', 1));
    expect((await q('read_event_by_id', [row.id]))[0].stream_id).toBe('op-byid');
    expect(await q('read_event_by_id', ['00000000-0000-4000-8000-000000000000'])).toEqual([]);
  },
  stream_info: async () => {
    await append(request('op-info', 3));
    const [info] = await q('stream_info', ['op-info']);
    expect(info.last_revision).toBe('2');
    expect(info.first_recorded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await q('stream_info', ['op-missing'])).toEqual([]);
  },
  list_streams: async () => {
    for (const s of ['ls-b', 'ls-a', 'ls-c', 'lt-a']) await append(request(s, 1));
    expect((await q('list_streams', ['ls-', null, 10])).map((x) => x.stream_id)).toEqual(['ls-a', 'ls-b', 'ls-c']);
    expect((await q('list_streams', ['ls-', 'ls-a', 1])).map((x) => x.stream_id)).toEqual(['ls-b']);
  },
  stats: async () => {
    const before = (await q('stats'))[0];
    await append(request('op-stats', 4));
    const after = (await q('stats'))[0];
    expect(BigInt(after.events) - BigInt(before.events)).toBe(4n);
    expect(BigInt(after.streams) - BigInt(before.streams)).toBe(1n);
  },
  snapshot_write: async () => {
    await q('snapshot_write', ['snap-1', 'd', '3', 1, '{"b":1,"a":2}', '2026-01-01T00:00:00.000Z']);
    await q('snapshot_write', ['snap-1', 'd', '4', 2, '{"b":2}', '2026-01-02T00:00:00.000Z']);
    expect((await q('snapshot_read', ['snap-1', 'd']))[0]).toMatchObject({ revision: '4', schema_version: 2, state: '{"b":2}' });
  },
  snapshot_read: async () => {
    await q('snapshot_write', ['snap-2', 'd', '1', 1, '{"b":1,"a":2}', 't']);
    expect((await q('snapshot_read', ['snap-2', 'd']))[0].state).toBe('{"b":1,"a":2}'); // byte for byte
    expect(await q('snapshot_read', ['snap-2', 'other'])).toEqual([]);
  },
  snapshot_delete: async () => {
    await q('snapshot_write', ['snap-3', 'd', '1', 1, '{}', 't']);
    await q('snapshot_delete', ['snap-3', 'd']);
    expect(await q('snapshot_read', ['snap-3', 'd'])).toEqual([]);
  },
  unique_owner: async () => {
    await q('uniques_claim', [['email'], ['a@x'], ['user-1']]);
    expect((await q('unique_owner', ['email', 'a@x']))[0].owner).toBe('user-1');
    expect(await q('unique_owner', ['email', 'none@x'])).toEqual([]);
  },
  uniques_reset: async () => {
    await q('uniques_claim', [['s'], ['v'], ['o']]);
    await q('uniques_reset');
    expect(await q('unique_owner', ['s', 'v'])).toEqual([]);
  },
  uniques_release: async () => {
    await q('uniques_claim', [
      ['r', 'r'],
      ['1', '2'],
      ['o1', 'o2'],
    ]);
    await q('uniques_release', [
      ['r', 'r'],
      ['1', '2'],
      ['o1', 'not-the-owner'],
    ]);
    expect(await q('unique_owner', ['r', '1'])).toEqual([]);
    expect((await q('unique_owner', ['r', '2']))[0].owner).toBe('o2');
  },
  uniques_claim: async () => {
    // A later claim of the same value in one batch wins, as when replaying history.
    await q('uniques_claim', [
      ['c', 'c'],
      ['v', 'v'],
      ['first', 'second'],
    ]);
    expect((await q('unique_owner', ['c', 'v']))[0].owner).toBe('second');
  },
  checkpoint_write: async () => {
    await q('checkpoint_write', ['cp-w', '1.1']);
    await q('checkpoint_write', ['cp-w', '2.5']);
    expect((await q('checkpoint_read', ['cp-w']))[0].position).toBe('2.5');
  },
  checkpoint_read: async () => {
    expect(await q('checkpoint_read', ['cp-none'])).toEqual([]);
  },
  checkpoint_write_fenced: async () => {
    const [lease] = await q('lease_acquire', ['g-fence', 0, 'me', 60_000]);
    expect(await q('checkpoint_write_fenced', ['cp-f', '7', 'g-fence', 0, lease.token])).toHaveLength(1);
    expect(await q('checkpoint_write_fenced', ['cp-f', '8', 'g-fence', 0, String(BigInt(lease.token) + 1n)])).toEqual([]);
    expect((await q('checkpoint_read', ['cp-f']))[0].position).toBe('7');
  },
  checkpoint_delete: async () => {
    await q('checkpoint_write', ['cp-d', '1']);
    await q('checkpoint_delete', ['cp-d']);
    expect(await q('checkpoint_read', ['cp-d'])).toEqual([]);
  },
  checkpoint_list: async () => {
    await q('checkpoint_write', ['cp-l2', '2']);
    await q('checkpoint_write', ['cp-l1', '1']);
    const names = (await q('checkpoint_list')).map((x) => x.name).filter((n: string) => n.startsWith('cp-l'));
    expect(names).toEqual(['cp-l1', 'cp-l2']);
  },
  lease_acquire: async () => {
    const [a] = await q('lease_acquire', ['g-acq', 1, 'a', 60_000]);
    expect(await q('lease_acquire', ['g-acq', 1, 'b', 60_000])).toEqual([]); // held by a
    const [again] = await q('lease_acquire', ['g-acq', 1, 'a', 60_000]);
    expect(again.token).toBe(a.token); // ours already: same token
    await q('lease_release', ['g-acq', 1, a.token]);
    const [b] = await q('lease_acquire', ['g-acq', 1, 'b', 60_000]);
    expect(BigInt(b.token)).toBe(BigInt(a.token) + 1n); // taken over: the token grows
  },
  lease_renew: async () => {
    const [a] = await q('lease_acquire', ['g-renew', 0, 'a', 60_000]);
    expect(await q('lease_renew', ['g-renew', 0, 'a', a.token, 120_000])).toHaveLength(1);
    expect(await q('lease_renew', ['g-renew', 0, 'b', a.token, 120_000])).toEqual([]);
  },
  lease_release: async () => {
    const [a] = await q('lease_acquire', ['g-rel', 0, 'a', 60_000]);
    await q('lease_release', ['g-rel', 0, a.token]);
    expect(await q('lease_list', ['g-rel'])).toEqual([]);
  },
  lease_list: async () => {
    await q('lease_acquire', ['g-list', 2, 'a', 60_000]);
    await q('lease_acquire', ['g-list', 1, 'b', 60_000]);
    await q('lease_acquire', ['g-list', 3, 'c', -1]); // already expired
    expect((await q('lease_list', ['g-list'])).map((x) => x.partition)).toEqual([1, 2]);
  },
  member_heartbeat: async () => {
    await q('member_heartbeat', ['g-m', 'b', 60_000]);
    await q('member_heartbeat', ['g-m', 'a', 60_000]);
    await q('member_heartbeat', ['g-m', 'gone', -1]);
    expect((await q('member_list', ['g-m'])).map((x) => x.member)).toEqual(['a', 'b']);
  },
  member_list: async () => {
    expect(await q('member_list', ['g-empty'])).toEqual([]);
  },
  member_leave: async () => {
    await q('member_heartbeat', ['g-leave', 'a', 60_000]);
    await q('member_leave', ['g-leave', 'a']);
    expect(await q('member_list', ['g-leave'])).toEqual([]);
  },
  document_put: async () => {
    await q('document_put', ['docs', 'd1', JSON.stringify({ n: 1 })]);
    await q('document_put', ['docs', 'd1', JSON.stringify({ n: 2 })]);
    expect(JSON.parse((await q('document_get', ['docs', 'd1']))[0].doc)).toEqual({ n: 2 });
  },
  document_get: async () => {
    expect(await q('document_get', ['docs', 'missing'])).toEqual([]);
  },
  document_list: async () => {
    for (const id of ['b-2', 'a-1', 'b-1', 'c-1']) await q('document_put', ['list', id, '{}']);
    expect((await q('document_list', ['list', 'b-', null, 10])).map((x) => x.id)).toEqual(['b-1', 'b-2']);
    expect((await q('document_list', ['list', null, 'a-1', 2])).map((x) => x.id)).toEqual(['b-1', 'b-2']);
  },
  document_delete: async () => {
    await q('document_put', ['del', 'x', '{}']);
    await q('document_delete', ['del', 'x']);
    expect(await q('document_get', ['del', 'x'])).toEqual([]);
  },
  document_delete_collection: async () => {
    await q('document_put', ['gone', 'x', '{}']);
    await q('document_put', ['kept', 'x', '{}']);
    await q('document_delete_collection', ['gone']);
    expect(await q('document_list', ['gone', null, null, 10])).toEqual([]);
    expect(await q('document_list', ['kept', null, null, 10])).toHaveLength(1);
  },
  schema_create: async () => {
    const other = new Statements(freshSchemaName('create'));
    await db.query(other.once('schema_create'));
    await db.query(other.once('schema_create')); // IF NOT EXISTS
    const r = await db.query({ text: 'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', values: [other.schema] });
    expect(r.rows[0].n).toBe(1);
  },
  migrations_table_create: async () => {
    await db.query(st.once('migrations_table_create')); // already there: IF NOT EXISTS
    expect((await q('migrations_applied')).length).toBeGreaterThan(0);
  },
  migration_lock: async () => {
    // Held until commit: a second transaction cannot take it meanwhile.
    await db.query('BEGIN');
    await db.query(st.once('migration_lock', ['lock-test']));
    const r = await other.query({
      text: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got',
      values: ['lock-test'],
    });
    await db.query('COMMIT');
    expect(r.rows[0].got).toBe(false);
  },
  migrations_applied: async () => {
    const versions = (await q('migrations_applied')).map((x) => x.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(versions[0]).toBe(1);
  },
  migration_record: async () => {
    await q('migration_record', [9999, 'test_only']);
    expect((await q('migrations_applied')).map((x) => x.version)).toContain(9999);
    await expect(q('migration_record', [9999, 'test_only'])).rejects.toMatchObject({ code: '23505' });
  },
  tx_id_check: async () => {
    const [row] = await q('tx_id_check');
    expect(BigInt(row.max_tx_id)).toBeLessThan(BigInt(row.next_tx_id));
  },
  ping: async () => {
    expect((await q('ping'))[0].ok).toBe(1);
  },
};

describe('SQL operations', () => {
  it('every file under src/sql is a known operation with a test', () => {
    const files = readdirSync(new URL('../src/sql/', import.meta.url)).map((f) => f.replace(/\.sql$/, ''));
    expect(files.sort()).toEqual([...OPERATIONS].sort());
    expect(Object.keys(tests).sort()).toEqual([...OPERATIONS].sort());
  });
  for (const op of OPERATIONS) it(op, tests[op]);
});
