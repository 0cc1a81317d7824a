// The port's own size guard: an oversized event or append is refused before anything is queued or written.
import { randomUUID } from 'node:crypto';
import { LogbookError, START } from '@logbook/core';
import { describe, expect, it } from 'vitest';
import { openStore, tempDir } from './helpers.js';

const files = tempDir();
const event = (data: string) => ({ id: randomUUID(), type: 'T', data, metadata: {} });
const isCode = (code: string) => (e: unknown) => e instanceof LogbookError && e.code === code;

describe('limits', () => {
  it('refuses an event over maxEventBytes and writes nothing', async () => {
    const store = await openStore(files.path(), { limits: { maxEventBytes: 100 } });
    await expect(
      store.append({ writes: [{ streamId: 's', expectedRevision: 'any', events: [event('x'.repeat(200))] }] }),
    ).rejects.toSatisfy(isCode('payload_too_large'));
    expect(await store.headPosition()).toBe(START);
    await store.close();
  });

  it('refuses an append over maxEventsPerAppend across all its writes', async () => {
    const store = await openStore(files.path(), { limits: { maxEventsPerAppend: 2 } });
    const request = {
      writes: [
        { streamId: 'a', expectedRevision: 'any' as const, events: [event('1'), event('2')] },
        { streamId: 'b', expectedRevision: 'any' as const, events: [event('3')] },
      ],
    };
    await expect(store.append(request)).rejects.toSatisfy(isCode('payload_too_large'));
    expect((await store.stats()).events).toBe(0n);
    await store.close();
  });

  it('returns an empty page without moving the cursor when asked for zero events', async () => {
    const store = await openStore(files.path());
    await store.append({ writes: [{ streamId: 's', expectedRevision: 'any', events: [event('a')] }] });
    expect(await store.readAll({ from: START, limit: 0 })).toEqual({ events: [], next: START, atEnd: false });
    await store.close();
  });
});
