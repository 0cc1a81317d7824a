import { describe, expect, it } from 'vitest';
import { LogbookError } from '../errors.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { CommandHandler } from './command-handler.js';
import type { Decider } from './decider.js';
import { DomainError } from './domain-error.js';

type Cmd = { kind: 'add'; amount: number } | { kind: 'noop' };
type Ev = { type: 'Added'; data: { amount: number } };
const counter: Decider<Cmd, { total: number }, Ev> = {
  initialState: () => ({ total: 0 }),
  evolve: (s, e) => ({ total: s.total + e.data.amount }),
  decide: (c, s) => {
    if (c.kind === 'noop') return [];
    if (s.total + c.amount < 0) throw new DomainError('would_go_negative', `total ${s.total} cannot drop by ${-c.amount}`);
    return { type: 'Added', data: { amount: c.amount } };
  },
};

const fresh = () => new EventStore(new MemoryStore());

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('CommandHandler.handle', () => {
  it('creates a stream with no_stream, then appends at the loaded revision', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    const first = await h.handle('c-1', { kind: 'add', amount: 5 });
    expect(first).toMatchObject({ state: { total: 5 }, revision: 0n, attempts: 1 });
    const second = await h.handle('c-1', { kind: 'add', amount: 2 });
    expect(second).toMatchObject({ state: { total: 7 }, revision: 1n });
    expect(second.events.map((e) => e.data)).toEqual([{ amount: 2 }]);
  });

  it('a domain error propagates with its reason and writes nothing', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    await h.handle('c-1', { kind: 'add', amount: 1 });
    const err = await rejection(h.handle('c-1', { kind: 'add', amount: -3 }));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toBeInstanceOf(LogbookError);
    expect(err).toMatchObject({ code: 'domain_error', reason: 'would_go_negative', details: { reason: 'would_go_negative' } });
    expect((await store.stats()).events).toBe(1n);
  });

  it('an empty decision appends nothing', async () => {
    const store = fresh();
    const out = await new CommandHandler(store, counter).handle('c-1', { kind: 'noop' });
    expect(out).toMatchObject({ events: [], revision: undefined, state: { total: 0 } });
    expect((await store.stats()).events).toBe(0n);
  });

  it('retries conflicts so that concurrent handlers on one stream all land', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter, { retry: { maxRetries: 50 } });
    const results = await Promise.all(Array.from({ length: 8 }, () => h.handle('hot', { kind: 'add', amount: 1 })));
    expect((await h.load('hot')).state.total).toBe(8);
    expect(results.some((r) => r.attempts > 1)).toBe(true);
    expect(new Set(results.map((r) => r.revision)).size).toBe(8);
  });

  it('gives up after maxRetries with wrong_expected_revision and the attempt count', async () => {
    const store = fresh();
    // A decider that lets a competitor write between load and append, every time.
    const racy: Decider<null, { total: number }, Ev> = {
      ...counter,
      decide: async () => {
        await store.append('racy', [{ type: 'Added', data: { amount: 1 } }]);
        return [{ type: 'Added', data: { amount: 100 } }];
      },
    };
    const err = await rejection(
      new CommandHandler(store, racy, { retry: { maxRetries: 3, baseDelayMs: 0 } }).handle('racy', null),
    );
    expect(err).toMatchObject({ code: 'wrong_expected_revision', details: { attempts: 4, streamId: 'racy' } });
    expect((await store.readStreamToArray('racy')).every((e) => (e.data as { amount: number }).amount === 1)).toBe(true);
  });

  it('an explicit expected revision is checked once, never retried', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    await h.handle('c-1', { kind: 'add', amount: 1 });
    const err = await rejection(h.handle('c-1', { kind: 'add', amount: 1 }, { expectedRevision: 7n }));
    expect(err).toMatchObject({ code: 'wrong_expected_revision', details: { expected: 7n, actual: 0n } });
    expect((err as LogbookError).details.attempts).toBeUndefined();
  });
});

describe('CommandHandler.handleMany', () => {
  const move =
    (amount: number) =>
    (_: null, [from]: Array<{ total: number }>) => {
      if ((from?.total ?? 0) < amount) throw new DomainError('short', 'not enough');
      return [
        { type: 'Added' as const, data: { amount: -amount } },
        { type: 'Added' as const, data: { amount } },
      ];
    };

  it('writes every stream in one atomic append', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    await h.handle('a', { kind: 'add', amount: 10 });
    const out = await h.handleMany(['a', 'b'], null, move(4));
    expect(out.results.map((r) => [r.streamId, r.state.total, r.revision])).toEqual([
      ['a', 6, 1n],
      ['b', 4, 0n],
    ]);
    const [ea, eb] = [await store.readStreamToArray('a'), await store.readStreamToArray('b')];
    expect(ea[1]?.position).not.toBe(eb[0]?.position);
    expect(ea[1]?.metadata.correlationId).toBe(eb[0]?.metadata.correlationId);
  });

  it('a rejection writes nothing to any stream', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    await h.handle('a', { kind: 'add', amount: 1 });
    expect(await rejection(h.handleMany(['a', 'b'], null, move(4)))).toMatchObject({ reason: 'short' });
    expect((await store.stats()).events).toBe(1n);
  });

  it('checks streams it reads but leaves unchanged, retrying when they moved', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter, { retry: { baseDelayMs: 0 } });
    await h.handle('guard', { kind: 'add', amount: 1 });
    let calls = 0;
    const out = await h.handleMany(['target', 'guard'], null, async (_, [, guard]) => {
      // The first time, the guard moves after it was read: the append must fail and be decided again.
      if (calls++ === 0) await store.append('guard', [{ type: 'Added', data: { amount: 1 } }]);
      return [[{ type: 'Added', data: { amount: guard?.total ?? 0 } }], []];
    });
    expect(out.attempts).toBe(2);
    expect(out.results[0]?.state.total).toBe(2);
  });
});

describe('serializeLocally', () => {
  it('queues commands per stream in call order, so none conflicts', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter, { serializeLocally: true, retry: { maxRetries: 0 } });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => h.handle('hot', { kind: 'add', amount: i + 1 })));
    expect(results.map((r) => r.attempts)).toEqual(Array(8).fill(1));
    expect(results.map((r) => r.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n]);
  });

  it('takes multi-stream locks in a fixed order: crossing transfers never deadlock', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter, { serializeLocally: true, retry: { maxRetries: 0 } });
    await h.handle('a', { kind: 'add', amount: 100 });
    await h.handle('b', { kind: 'add', amount: 100 });
    const move = () => [
      { type: 'Added' as const, data: { amount: -1 } },
      { type: 'Added' as const, data: { amount: 1 } },
    ];
    const runs = Array.from({ length: 10 }, (_, i) => h.handleMany(i % 2 ? ['a', 'b'] : ['b', 'a'], null, move));
    const out = await Promise.all(runs);
    expect(out.every((r) => r.attempts === 1)).toBe(true);
    expect((await h.load('a')).state.total + (await h.load('b')).state.total).toBe(200);
  });
});

describe('command ids', () => {
  it('a command handled twice with the same id is applied once', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    const first = await h.handle('c-1', { kind: 'add', amount: 5 }, { commandId: 'cmd-1' });
    await h.handle('c-1', { kind: 'add', amount: 1 });
    const again = await h.handle('c-1', { kind: 'add', amount: 5 }, { commandId: 'cmd-1' });
    expect(again.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    expect(again).toMatchObject({ state: { total: 6 }, revision: 1n });
    expect((await store.stats()).events).toBe(2n);
    // The same id with another decision is a conflict, never a silent second write.
    const other = await rejection(h.handle('c-1', { kind: 'add', amount: 7 }, { commandId: 'cmd-1' }));
    expect(other).toMatchObject({ code: 'idempotency_conflict' });
  });

  it('multi-stream commands are idempotent too', async () => {
    const store = fresh();
    const h = new CommandHandler(store, counter);
    await h.handle('a', { kind: 'add', amount: 10 });
    const move = () => [[{ type: 'Added' as const, data: { amount: -4 } }], [{ type: 'Added' as const, data: { amount: 4 } }]];
    await h.handleMany(['a', 'b'], null, move, { commandId: 'move-1' });
    const again = await h.handleMany(['a', 'b'], null, move, { commandId: 'move-1' });
    expect(again.results.map((r) => [r.state.total, r.revision])).toEqual([
      [6, 1n],
      [4, 0n],
    ]);
    expect((await store.stats()).events).toBe(3n);
  });
});
