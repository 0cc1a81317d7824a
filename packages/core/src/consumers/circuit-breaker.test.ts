// Circuit breaker, back-off, checkpointer and partitioning: the small parts consumers are built from.
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, isCircuitOpen } from './circuit-breaker.js';
import { backoffDelay, resolveRetryPolicy } from './retry-policy.js';
import { Checkpointer } from './checkpointer.js';
import { desiredPartitions, fnv1a, partitionOf } from './partition.js';
import type { Position } from '../position.js';

describe('circuit breaker', () => {
  it('opens after the threshold, refuses until the probe time, lets one probe through, closes on success', async () => {
    let now = 1000;
    const states: string[] = [];
    const breaker = new CircuitBreaker({
      failureThreshold: 2,
      probeAfterMs: 500,
      now: () => now,
      onStateChange: (s) => states.push(s),
    });
    const fail = () => breaker.run(() => Promise.reject(new Error('down')));
    await expect(fail()).rejects.toThrow('down');
    expect(breaker.state).toBe('closed');
    await expect(fail()).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    let called = 0;
    const refused = await breaker.run(() => called++).catch((e) => e);
    expect(isCircuitOpen(refused)).toBe(true);
    expect(called).toBe(0);
    expect(breaker.msUntilProbe()).toBe(500);
    now += 500;
    expect(breaker.state).toBe('half-open');
    // A failed probe opens it again for another full interval.
    await expect(fail()).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    now += 500;
    expect(await breaker.run(() => 'ok')).toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  });
});

describe('retry back-off', () => {
  it('grows exponentially up to the cap, with bounded jitter', () => {
    const p = resolveRetryPolicy({ initialDelayMs: 100, factor: 2, maxDelayMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(p, a))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const j = resolveRetryPolicy({ initialDelayMs: 100, jitter: 0.5 });
    expect(backoffDelay(j, 1, () => 0)).toBe(50);
    expect(backoffDelay(j, 1, () => 1)).toBe(150);
  });
});

describe('checkpointer', () => {
  const pos = (n: number) => String(n) as Position;
  it('saves every N events, never backwards, and the rest on flush', async () => {
    const saved: string[] = [];
    const cp = new Checkpointer(async (p) => void saved.push(p), { everyEvents: 3 }, pos(2));
    await cp.processed(pos(1), 1); // behind the initial checkpoint: ignored
    for (const n of [3, 4, 5, 6, 7]) await cp.processed(pos(n), 1);
    expect(saved).toEqual(['5']);
    await cp.flush();
    expect(saved).toEqual(['5', '7']);
    await cp.flush();
    expect(saved).toEqual(['5', '7']);
  });

  it('a failed background save is reported once and retried by the next save, never stuck (KurrentDB #1083)', async () => {
    const saved: string[] = [];
    let fail = true;
    const cp = new Checkpointer(
      async (p) => {
        if (fail) throw new Error('commit timeout');
        saved.push(p);
      },
      { everyMs: 1 },
    );
    await cp.processed(pos(3), 1);
    for (let i = 0; i < 100; i++) await new Promise((r) => setTimeout(r, 2));
    fail = false;
    await expect(cp.processed(pos(4), 1)).rejects.toThrow('commit timeout');
    await cp.processed(pos(5), 1);
    await cp.flush();
    expect(saved).toEqual(['5']);
  });

  it('saves after T ms when only a time policy is set, and nothing after abandon', async () => {
    const saved: string[] = [];
    const cp = new Checkpointer(async (p) => void saved.push(p), { everyMs: 10 });
    await cp.processed(pos(4), 1);
    expect(saved).toEqual([]);
    for (let i = 0; i < 100 && saved.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(saved).toEqual(['4']);
    await cp.processed(pos(9), 1);
    await cp.abandon();
    await cp.flush();
    expect(saved).toEqual(['4']);
  });
});

describe('partitions', () => {
  it('hashes stream ids stably (FNV-1a) and spreads partitions over sorted members', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
    expect(partitionOf('account-42', 8)).toBe(fnv1a('account-42') % 8);
    expect(desiredPartitions('b', ['c', 'a', 'b'], 7)).toEqual([1, 4]);
    expect(desiredPartitions('z', ['a'], 3)).toEqual([]);
    const all = ['a', 'b', 'c'].flatMap((m) => desiredPartitions(m, ['a', 'b', 'c'], 8)).sort();
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
