// The stores every bank test runs on: memory (the port's spec) and SQLite in throw-away files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore, MemoryStore, type StorePort } from '@logbook/core';
import { createSqliteStore } from '@logbook/store-sqlite';
import { afterAll, onTestFinished } from 'vitest';

export interface StoreFactory {
  name: string;
  /** A fresh store, closed when the test finishes; `now` pins the clock that stamps recordedAt. */
  create(options?: { now?: () => Date; wrap?: (port: StorePort) => StorePort }): Promise<EventStore>;
}

let dir: string | undefined;
let n = 0;
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open = async (port: StorePort, wrap?: (port: StorePort) => StorePort) => {
  onTestFinished(() => port.close());
  return new EventStore(wrap ? wrap(port) : port);
};

export const STORES: StoreFactory[] = [
  { name: 'memory', create: async (o = {}) => open(new MemoryStore({ now: o.now }), o.wrap) },
  {
    name: 'sqlite',
    create: async (o = {}) => {
      dir ??= mkdtempSync(join(tmpdir(), 'logbook-bank-test-'));
      return open(await createSqliteStore({ path: join(dir, `bank-${++n}.db`), now: o.now }), o.wrap);
    },
  },
];

/** A clock the test sets by hand ("09:02" on 2026-03-03 UTC), so recordedAt is known whatever else reads it. */
export function manualClock(): { now: () => Date; set: (hhmm: string) => void } {
  let current = new Date('2026-03-03T08:00:00Z');
  return { now: () => current, set: (hhmm) => (current = new Date(`2026-03-03T${hhmm}:00Z`)) };
}

/** Wraps a port to count the events handed out by readStream. */
export function countReads(): { wrap: (port: StorePort) => StorePort; count: () => number; reset: () => void } {
  let read = 0;
  return {
    wrap: (port) =>
      new Proxy(port, {
        get(target, prop, receiver) {
          if (prop !== 'readStream') return Reflect.get(target, prop, receiver);
          return async (...args: Parameters<StorePort['readStream']>) => {
            const page = await target.readStream(...args);
            read += page?.length ?? 0;
            return page;
          };
        },
      }),
    count: () => read,
    reset: () => {
      read = 0;
    },
  };
}
