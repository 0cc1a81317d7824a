import { describe, expect, it } from 'vitest';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { CommandHandler } from './command-handler.js';
import type { Decider } from './decider.js';
import { DomainError } from './domain-error.js';
import { rebuildUniques, uniqueOwner } from './uniques.js';

type Cmd = { kind: 'register'; email: string } | { kind: 'changeEmail'; email: string };
type User = { email?: string };
const user: Decider<Cmd, User> = {
  initialState: () => ({}),
  evolve: (_s, e) => ({ email: (e.data as { email: string }).email }),
  decide: (c, s) => {
    if (c.kind === 'register') {
      if (s.email) throw new DomainError('already_registered', 'already registered');
      return {
        events: [{ type: 'Registered', data: { email: c.email } }],
        uniques: { claim: [{ scope: 'user-email', value: c.email }] },
      };
    }
    if (!s.email) throw new DomainError('not_registered', 'not registered');
    return {
      events: [{ type: 'EmailChanged', data: { email: c.email } }],
      uniques: { release: [{ scope: 'user-email', value: s.email }], claim: [{ scope: 'user-email', value: c.email }] },
    };
  },
};

describe('uniqueness from deciders', () => {
  it('an email change releases the old address and claims the new one in one append', async () => {
    const store = new EventStore(new MemoryStore());
    const h = new CommandHandler(store, user);
    await h.handle('user-1', { kind: 'register', email: 'ada@example.com' });
    await h.handle('user-1', { kind: 'changeEmail', email: 'ada@lovelace.org' });
    expect(await uniqueOwner(store, 'user-email', 'ada@example.com')).toBeUndefined();
    expect(await uniqueOwner(store, 'user-email', 'ada@lovelace.org')).toBe('user-1');
    // The freed address is available to another user.
    await h.handle('user-2', { kind: 'register', email: 'ada@example.com' });
    expect(await uniqueOwner(store, 'user-email', 'ada@example.com')).toBe('user-2');
  });

  it('claiming a value another owner holds fails with unique_violation and writes nothing', async () => {
    const store = new EventStore(new MemoryStore());
    const h = new CommandHandler(store, user);
    await h.handle('user-1', { kind: 'register', email: 'ada@example.com' });
    await h.handle('user-2', { kind: 'register', email: 'bob@example.com' });
    const before = await store.stats();
    const err = await h.handle('user-2', { kind: 'changeEmail', email: 'ada@example.com' }).catch((e) => e);
    expect(err).toMatchObject({
      code: 'unique_violation',
      details: { scope: 'user-email', value: 'ada@example.com', owner: 'user-1' },
    });
    expect(await store.stats()).toEqual(before);
    // Nothing moved: bob keeps his address, ada keeps hers.
    expect(await uniqueOwner(store, 'user-email', 'bob@example.com')).toBe('user-2');
    expect((await h.load('user-2')).state.email).toBe('bob@example.com');
  });

  it('rebuildUniques restores the claims from the log', async () => {
    const store = new EventStore(new MemoryStore());
    const h = new CommandHandler(store, user);
    await h.handle('user-1', { kind: 'register', email: 'a@x' });
    await h.handle('user-1', { kind: 'changeEmail', email: 'b@x' });
    await h.handle('user-2', { kind: 'register', email: 'a@x' });
    await store.port.uniques?.reset();
    expect(await uniqueOwner(store, 'user-email', 'b@x')).toBeUndefined();
    expect(await rebuildUniques(store, { batchSize: 1 })).toEqual({ appends: 3, claims: 3, releases: 1 });
    expect(await uniqueOwner(store, 'user-email', 'a@x')).toBe('user-2');
    expect(await uniqueOwner(store, 'user-email', 'b@x')).toBe('user-1');
  });
});
