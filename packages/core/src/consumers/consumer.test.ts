// Consumers on the memory store: parking, pausing, the circuit breaker, correlation context, checkpoints.
import { describe, expect, it } from 'vitest';
import { currentContext } from '../domain/message-context.js';
import { LogbookError } from '../errors.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { sleep } from '../waker.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { createConsumer } from './consumer.js';
import { listParked, parkedStreamId, replayParked } from './parking.js';

const newStore = () => new EventStore(new MemoryStore());
const tick = (n: number, extra: Record<string, unknown> = {}) => ({ type: 'Tick', data: { n, ...extra } });
const fast = { initialDelayMs: 1, maxDelayMs: 2, jitter: 0 };

describe('consumers', () => {
  it('parks an event after N failures with its error and attempts, goes on, and replays it later', async () => {
    const store = newStore();
    for (let n = 0; n < 5; n++) await store.append('mail-1', [tick(n, { poison: n === 2 })]);
    const sent: number[] = [];
    const attempts: number[] = [];
    const mailer = createConsumer(store, {
      name: 'mailer',
      retry: { ...fast, maxAttempts: 3 },
      handler: (e, { attempt }) => {
        const d = e.data as { n: number; poison: boolean };
        if (d.poison) {
          attempts.push(attempt);
          throw new Error('smtp said no');
        }
        sent.push(d.n);
      },
    }).start();
    await mailer.whenCaughtUp();
    await mailer.stop();
    expect(sent).toEqual([0, 1, 3, 4]);
    expect(attempts).toEqual([1, 2, 3]);
    const parked = await listParked(store, 'mailer');
    expect(parked.map((p) => [p.streamId, p.revision, p.error, p.attempts])).toEqual([['mail-1', 2n, 'smtp said no', 3]]);
    // The parked stream is a system stream: the consumer skips it when it reads the log again.
    expect((await store.streamInfo(parkedStreamId('mailer'))).exists).toBe(true);
    const retried: number[] = [];
    const result = await replayParked(store, 'mailer', (e) => void retried.push((e.data as { n: number }).n));
    expect(result).toEqual({ replayed: [parked[0]?.eventId], failed: [] });
    expect(retried).toEqual([2]);
    expect(await listParked(store, 'mailer')).toEqual([]);
  });

  it('pauses instead when the policy says so, keeps the checkpoint before the failed event, and resumes from it', async () => {
    const store = newStore();
    for (let n = 0; n < 4; n++) await store.append('mail-2', [tick(n)]);
    let broken = true;
    const handled: number[] = [];
    const c = createConsumer(store, {
      name: 'pausing',
      retry: { ...fast, maxAttempts: 2, onExhausted: 'pause' },
      handler: (e) => {
        const n = (e.data as { n: number }).n;
        if (n === 1 && broken) throw new Error('template missing');
        handled.push(n);
      },
    }).start();
    await expect(c.whenCaughtUp()).rejects.toThrow(/paused/);
    expect(c.status).toBe('paused');
    expect((c.lastError as Error).message).toBe('template missing');
    const first = (await store.readStreamToArray('mail-2'))[0];
    expect(await store.port.checkpoints?.read('consumer:pausing')).toBe(first?.position);
    expect(await listParked(store, 'pausing')).toEqual([]);
    broken = false;
    c.resume();
    await c.whenCaughtUp();
    await c.stop();
    expect(handled).toEqual([0, 1, 2, 3]);
  });

  it('a circuit breaker stops calling a failing dependency, probes it, and resumes exactly where it stopped', async () => {
    const store = newStore();
    for (let n = 0; n < 10; n++) await store.append(`mail-${n % 3}`, [tick(n)]);
    let down = false;
    let tripped = false;
    let calls = 0;
    const delivered: number[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 3, probeAfterMs: 20 });
    const states: string[] = [];
    const c = createConsumer(store, {
      name: 'breaker',
      breaker,
      retry: { ...fast, maxAttempts: 4 },
      handler: (e) => {
        calls++;
        const n = (e.data as { n: number }).n;
        if (n === 4 && !tripped) down = tripped = true;
        if (down) throw new Error('smtp down');
        delivered.push(n);
      },
    });
    // The breaker's state is watched from outside: the dependency comes back while the circuit is open.
    const watcher = (async () => {
      while (breaker.state === 'closed') await sleep(1);
      states.push(breaker.state);
      const callsWhenOpen = calls;
      await sleep(50);
      states.push(`calls while open: ${calls - callsWhenOpen <= 3 ? 'few' : calls - callsWhenOpen}`);
      down = false;
    })();
    c.start();
    await watcher;
    await c.whenCaughtUp();
    await c.stop();
    expect(states).toEqual(['open', 'calls while open: few']);
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await listParked(store, 'breaker')).toEqual([]);
    expect(breaker.state).toBe('closed');
  });

  it('runs handlers in the event correlation context, resumes from its checkpoint, and waits for positions without sleeping', async () => {
    const store = newStore();
    const first = await store.append('order-1', [{ type: 'Placed', data: {}, metadata: { correlationId: 'corr-1' } }]);
    const contexts: unknown[] = [];
    const c = createConsumer(store, {
      name: 'ctx',
      handles: ['Placed'],
      handler: () => void contexts.push(currentContext()),
    }).start();
    await c.waitFor(first.position);
    expect(contexts).toEqual([{ correlationId: 'corr-1', causationId: first.events[0]?.id }]);
    await c.stop();
    const second = await store.append('order-1', [
      { type: 'Shipped', data: {} },
      { type: 'Placed', data: {} },
    ]);
    const again = createConsumer(store, { name: 'ctx', handles: ['Placed'], handler: () => void contexts.push('again') }).start();
    await again.waitFor(second.position);
    await again.stop();
    expect(contexts.slice(1)).toEqual(['again']);
    expect(await store.port.checkpoints?.read('consumer:ctx')).toBe(second.position);
  });

  it('starts at the end of the log when asked and it has no checkpoint yet, saving that start at once', async () => {
    const store = newStore();
    await store.append('old-1', [tick(1), tick(2)]);
    const seen: number[] = [];
    const c = createConsumer(store, {
      name: 'from-end',
      from: 'end',
      handler: (e) => void seen.push((e.data as { n: number }).n),
    });
    c.start();
    await c.whenCaughtUp();
    expect(await store.port.checkpoints?.read('consumer:from-end')).toBe(await store.headPosition());
    const fresh = await store.append('new-1', [tick(3)]);
    await c.waitFor(fresh.position);
    await c.stop();
    expect(seen).toEqual([3]);
  });

  it('keeps going through a store that briefly refuses checkpoint writes, re-delivering rather than skipping', async () => {
    const memory = new MemoryStore();
    let refusals = 3;
    const checkpoints = memory.checkpoints;
    const flaky = new Proxy(memory, {
      get(target, prop) {
        if (prop === 'checkpoints') {
          return {
            ...checkpoints,
            write: async (...args: Parameters<typeof checkpoints.write>) => {
              if (refusals-- > 0) throw new LogbookError('store_unavailable', 'database is locked');
              return checkpoints.write(...args);
            },
          };
        }
        const value = Reflect.get(target, prop, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const store = new EventStore(flaky);
    for (let n = 0; n < 6; n++) await store.append('flaky-1', [tick(n)]);
    const seen: number[] = [];
    const c = createConsumer(store, { name: 'flaky', handler: (e) => void seen.push((e.data as { n: number }).n) }).start();
    await c.whenCaughtUp();
    await c.stop();
    expect(c.status).toBe('stopped');
    expect([...new Set(seen)]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(await memory.checkpoints.read('consumer:flaky')).toBe(await store.headPosition());
  });
});
