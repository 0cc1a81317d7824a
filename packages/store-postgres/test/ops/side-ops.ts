// Tests of the side-table operations (snapshots, uniques, checkpoints, leases, members, documents) and migrations.
import { expect } from 'vitest';
import { Statements } from '../../src/sql.js';
import { freshSchemaName } from '../../src/testing/index.js';
import { type OperationTests, clients, q, st } from './context.js';

export const sideOperationTests: OperationTests = {
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
    const created = new Statements(freshSchemaName('create'));
    await clients.db.query(created.once('schema_create'));
    await clients.db.query(created.once('schema_create')); // IF NOT EXISTS
    const r = await clients.db.query({
      text: 'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1',
      values: [created.schema],
    });
    expect(r.rows[0].n).toBe(1);
  },
  migrations_table_create: async () => {
    await clients.db.query(st.once('migrations_table_create')); // already there: IF NOT EXISTS
    expect((await q('migrations_applied')).length).toBeGreaterThan(0);
  },
  migration_lock: async () => {
    // Held until commit: a second transaction cannot take it meanwhile.
    await clients.db.query('BEGIN');
    await clients.db.query(st.once('migration_lock', ['lock-test']));
    const r = await clients.other.query({
      text: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got',
      values: ['lock-test'],
    });
    await clients.db.query('COMMIT');
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
};
