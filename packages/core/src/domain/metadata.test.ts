import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../event.js';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { CommandHandler } from './command-handler.js';
import type { Decider } from './decider.js';
import { currentContext, runInCommandContext, withEventContext } from './message-context.js';
import { useMetadata } from './metadata.js';

const echo: Decider<string, null> = {
  initialState: () => null,
  evolve: (s) => s,
  decide: (label) => [{ type: 'Echoed', data: label }],
};

describe('metadata', () => {
  it('stamps correlation and causation from the command, through async calls', async () => {
    const store = new EventStore(new MemoryStore());
    useMetadata(store);
    const h = new CommandHandler(store, echo);
    const out = await h.handle('s-1', 'hi', { commandId: 'cmd-1', correlationId: 'req-9', userId: 'ada' });
    expect(out.events[0]?.metadata).toMatchObject({ correlationId: 'req-9', causationId: 'cmd-1', userId: 'ada' });
    // Plain appends inside a command context, after timers and parallel awaits, get the same context.
    await runInCommandContext({ commandId: 'cmd-2' }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      const [a] = await Promise.all([store.append('s-2', [{ type: 'A', data: null }]), Promise.resolve()]);
      expect(a.events[0]?.metadata).toMatchObject({ correlationId: 'cmd-2', causationId: 'cmd-2' });
    });
    expect(currentContext()).toBeUndefined();
  });

  it('outside any context an event is its own correlation root; explicit metadata wins', async () => {
    const store = new EventStore(new MemoryStore());
    useMetadata(store);
    const [plain, explicit] = (
      await store.append('s-1', [
        { type: 'A', data: null },
        { type: 'B', data: null, metadata: { correlationId: 'mine', custom: 1 } },
      ])
    ).events as [RecordedEvent, RecordedEvent];
    expect(plain.metadata).toMatchObject({ correlationId: plain.id, causationId: plain.id });
    expect(explicit.metadata).toMatchObject({ correlationId: 'mine', causationId: explicit.id, custom: 1 });
  });

  it('propagates into subscription handlers: reactions are caused by the event and share its correlation', async () => {
    const store = new EventStore(new MemoryStore());
    useMetadata(store);
    const h = new CommandHandler(store, echo);
    const sub = store.subscribe(
      { filter: { types: ['Echoed'] } },
      withEventContext(async (e) => {
        if (e.streamId === 's-1') await h.handle('reaction-1', `re: ${String(e.data)}`);
      }),
    );
    const origin = await h.handle('s-1', 'ping', { commandId: 'cmd-1', correlationId: 'req-1', userId: 'ada' });
    await sub.caughtUp;
    for (let i = 0; i < 100 && !(await store.streamInfo('reaction-1')).exists; i++) await new Promise((r) => setTimeout(r, 5));
    await sub.stop();
    const [reaction] = await store.readStreamToArray('reaction-1');
    expect(reaction?.metadata).toMatchObject({ correlationId: 'req-1', causationId: origin.events[0]?.id, userId: 'ada' });
  });

  it('adds the configured process fields, the trace context and caller fields', async () => {
    const store = new EventStore(new MemoryStore());
    let trace: string | undefined = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    useMetadata(store, {
      appVersion: '1.2.3',
      gitCommit: 'abc123',
      host: true,
      pid: true,
      userId: () => 'system',
      traceContext: () => trace,
      fields: () => ({ tenant: 't-1' }),
    });
    const [a] = (await store.append('s-1', [{ type: 'A', data: null }])).events;
    expect(a?.metadata).toMatchObject({
      appVersion: '1.2.3',
      gitCommit: 'abc123',
      host: hostname(),
      pid: process.pid,
      userId: 'system',
      traceparent: trace,
      tenant: 't-1',
    });
    trace = undefined;
    const [b] = await runInCommandContext(
      { userId: 'ada', metadata: { requestIp: '::1' } },
      async () => (await store.append('s-1', [{ type: 'B', data: null }])).events,
    );
    expect(b?.metadata.traceparent).toBeUndefined();
    expect(b?.metadata).toMatchObject({ userId: 'ada', requestIp: '::1' });
  });
});
