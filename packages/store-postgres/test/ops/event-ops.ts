// Tests of the event operations: append, reads of the log and of streams, stats, notifications and checks.
import { expect } from 'vitest';
import type { AppendRequest } from '@logbook/core';
import { appendCall } from '../../src/append.js';
import { channelName } from '../../src/schema-name.js';
import { type OperationTests, append, clients, pos, q, request, schema } from './context.js';

export const eventOperationTests: OperationTests = {
  append: async () => {
    const r = request('op-append', 2);
    const rows = await append(r);
    expect(rows.map((x) => [x.existing, x.stream_id, x.revision])).toEqual([
      [false, 'op-append', '0'],
      [false, 'op-append', '1'],
    ]);
    // The same ids again: the unique index on events(id) stops it and nothing is written.
    await expect(append(r)).rejects.toMatchObject({ code: '23505', constraint: 'events_id' });
    // Behind a wrong expected revision, idempotency comes first: the function reports that the ids are stored.
    const stale = { writes: [{ ...(r.writes[0] as AppendRequest['writes'][number]), expectedRevision: 7n }] };
    await expect(append(stale)).rejects.toMatchObject({ code: 'LB002', message: 'stored_ids' });
    // Two streams take the general path: the same answer.
    const two = { writes: [...stale.writes, request('op-append-2', 1).writes[0] as AppendRequest['writes'][number]] };
    await expect(append(two)).rejects.toMatchObject({ code: 'LB002', message: 'stored_ids' });
    expect((await q('stream_info', ['op-append']))[0].last_revision).toBe('1');
    expect(await q('stream_info', ['op-append-2'])).toEqual([]);
    await expect(append(request('op-append', 1, 5n))).rejects.toMatchObject({
      code: 'LB001',
      message: 'wrong_expected_revision',
    });
  },
  inline_lock: async () => {
    await clients.db.query('BEGIN');
    await q('inline_lock', ['inline-test']);
    const r = await clients.other.query({
      text: 'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS got',
      values: ['inline-test'],
    });
    await clients.db.query('COMMIT');
    expect(r.rows[0].got).toBe(false);
  },
  notify: async () => {
    const got = new Promise<string>((resolve) => clients.other.once('notification', (m) => resolve(m.channel)));
    await clients.other.query(`LISTEN "${channelName(schema)}"`);
    await q('notify', [channelName(schema)]);
    expect(await got).toBe(channelName(schema));
    await clients.other.query(`UNLISTEN "${channelName(schema)}"`);
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
    await clients.other.query('BEGIN');
    await clients.other.query('SELECT pg_current_xact_id()');
    const [mine] = await append(request('op-blocked', 1));
    const before = await q('head_position');
    expect((await q('blocked_events'))[0].blocked).toBe(true);
    expect(pos(before[0])).not.toEqual(pos(mine));
    await clients.other.query('ROLLBACK');
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
  append_stream: async () => {
    const r = request('op-stream', 2, 'no_stream');
    const call = appendCall(r, channelName(schema));
    expect(call.op).toBe('append_stream');
    const [first] = await q('append_stream', call.params);
    expect([first.first_revision, first.seqs.split(',').length]).toEqual(['0', 2]);
    // An existing stream at the expected revision: its row moves on and the revisions continue.
    const next = request('op-stream', 1, 1n);
    const [second] = await q('append_stream', appendCall(next, null).params);
    expect(second.first_revision).toBe('2');
    expect(BigInt(second.tx_id)).toBeGreaterThan(BigInt(first.tx_id));
    expect((await q('stream_info', ['op-stream']))[0].last_revision).toBe('2');
    // A refusal leaves no trace; the same ids behind a refusal report that they are stored (idempotency first).
    await expect(q('append_stream', appendCall(request('op-stream', 1, 0n), null).params)).rejects.toMatchObject({
      code: 'LB001',
      message: 'wrong_expected_revision',
    });
    await expect(
      q(
        'append_stream',
        appendCall({ writes: [{ ...(next.writes[0] as AppendRequest['writes'][number]), expectedRevision: 0n }] }, null).params,
      ),
    ).rejects.toMatchObject({ code: 'LB002' });
    await expect(
      q(
        'append_stream',
        appendCall({ writes: [{ ...(next.writes[0] as AppendRequest['writes'][number]), expectedRevision: 'any' }] }, null)
          .params,
      ),
    ).rejects.toMatchObject({
      code: '23505',
      constraint: 'events_id',
    });
    expect((await q('stream_info', ['op-stream']))[0].last_revision).toBe('2');
    await expect(q('append_stream', appendCall(request('op-stream-new', 1, 'stream_exists'), null).params)).rejects.toMatchObject(
      {
        code: 'LB001',
      },
    );
    expect(await q('stream_info', ['op-stream-new'])).toEqual([]);
  },
  read_events_by_ids: async () => {
    const [row] = await append(request('op-byids', 1));
    const missing = '00000000-0000-4000-8000-000000000000';
    const rows = (await q('read_events_by_ids', [[missing, row.id]])).sort((a, b) => a.ord - b.ord);
    expect(rows.map((x) => [x.existing, x.stream_id, x.id, x.revision])).toEqual([
      [true, null, null, null],
      [true, 'op-byids', row.id, '0'],
    ]);
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
  tx_id_check: async () => {
    const [row] = await q('tx_id_check');
    expect(BigInt(row.max_tx_id)).toBeLessThan(BigInt(row.next_tx_id));
  },
  ping: async () => {
    expect((await q('ping'))[0].ok).toBe(1);
  },
};
