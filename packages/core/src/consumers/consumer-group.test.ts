// Consumer groups under a network cut: an owner whose lease ran out stops, the other member carries on.
import { describe, expect, it } from 'vitest';
import { LogbookError } from '../errors.js';
import type { RecordedEvent } from '../event.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import type { LeasesPort, StorePort } from '../port.js';
import { sleep } from '../waker.js';
import { joinConsumerGroup } from './consumer-group.js';

async function until(predicate: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(2);
  }
}

/** The same store seen from a member that can be cut off: its lease calls fail as if the network were down. */
function cutOff(port: StorePort): { port: StorePort; cut: () => void } {
  let down = false;
  const leases = port.leases as LeasesPort;
  const guard =
    <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
    (...a: A): Promise<R> =>
      down ? Promise.reject(new LogbookError('store_unavailable', 'partitioned')) : f(...a);
  const cutLeases: LeasesPort = {
    tryAcquire: guard(leases.tryAcquire),
    renew: guard(leases.renew),
    release: guard(leases.release),
    list: guard(leases.list),
    heartbeat: guard(leases.heartbeat),
    members: guard(leases.members),
    leave: guard(leases.leave),
  };
  const wrapped = new Proxy(port, {
    get(target, prop) {
      if (prop === 'leases') return cutLeases;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { port: wrapped, cut: () => (down = true) };
}

describe('consumer groups', () => {
  it('an owner cut off from the store mid-event does not go on after its lease ran out; the other member continues', async () => {
    const memory = new MemoryStore();
    const store = new EventStore(memory);
    for (let i = 0; i < 20; i++) await store.append('only-stream', [{ type: 'T', data: { i } }]);
    const partitioned = cutOff(memory);
    const log: string[] = [];
    let release: () => void = () => {};
    const blocked = new Promise<void>((r) => {
      release = r;
    });
    const handler = (member: string) => async (e: RecordedEvent) => {
      const i = (e.data as { i: number }).i;
      if (member === 'a' && i === 5) {
        partitioned.cut();
        await blocked; // a long pause while the lease runs out
      }
      log.push(`${member}:${i}`);
    };
    // Rare checkpoints: without the lease check before each event, the fence alone would stop a only much later.
    const options = { group: 'g', partitions: 1, leaseTtlMs: 80, heartbeatMs: 15, checkpoint: { everyEvents: 100 } };
    const a = joinConsumerGroup(new EventStore(partitioned.port), { ...options, member: 'a', handler: handler('a') });
    await until(() => log.length === 5);
    const b = joinConsumerGroup(store, { ...options, member: 'b', handler: handler('b') });
    await until(() => log.includes('b:19'));
    release();
    await sleep(50);
    await Promise.all([a.kill(), b.stop()]);
    const byA = log.filter((l) => l.startsWith('a:'));
    // a finished the event it had in hand (at least once), and nothing after it.
    expect(byA).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'a:5']);
    expect(log.filter((l) => l.startsWith('b:')).at(-1)).toBe('b:19');
    expect(await memory.checkpoints.read('group:g/0')).toBe(await store.headPosition());
  });
});
