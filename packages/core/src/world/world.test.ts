// The in-memory world: dependency order, staleness, read-your-writes, memoisation and snapshots.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStore } from '../event-store.js';
import { MemoryStore } from '../memory/memory-store.js';
import { fileBlobStore, memoryBlobStore } from './blob-store.js';
import { defineStateMachine, dependencyOrder } from './state-machine.js';
import { createWorld } from './world.js';

type Users = Readonly<Record<string, { name: string; team?: string }>>;
const users = defineStateMachine({
  name: 'users',
  handles: ['UserJoined', 'UserMoved'],
  initialState: {} as Users,
  apply: (state, e) => {
    const d = e.data as { id: string; name?: string; team: string };
    if (e.type === 'UserJoined') return { ...state, [d.id]: { name: d.name ?? d.id, team: d.team } };
    const u = state[d.id];
    return u ? { ...state, [d.id]: { ...u, team: d.team } } : state;
  },
});
/** Depends on users: must see the user already added when it counts the same event. */
const teams = defineStateMachine({
  name: 'teams',
  handles: ['UserJoined', 'UserMoved', 'TeamRenamed'],
  dependsOn: ['users'],
  initialState: { sizes: {} as Record<string, number>, label: 'teams' },
  apply: (state, e, deps) => {
    if (e.type === 'TeamRenamed') return { ...state, label: String((e.data as { label: string }).label) };
    const sizes: Record<string, number> = {};
    for (const u of Object.values(deps.get<Users>('users'))) if (u.team) sizes[u.team] = (sizes[u.team] ?? 0) + 1;
    return { ...state, sizes };
  },
  serialize: (s) => ({ sizes: s.sizes, label: s.label }),
  deserialize: (j) => j as { sizes: Record<string, number>; label: string },
});
const machines = [teams, users] as const;
const join_ = (id: string, team: string) => ({ type: 'UserJoined', data: { id, name: id.toUpperCase(), team } });

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

describe('the world', () => {
  it('feeds machines in dependency order and rejects cycles and unknown dependencies at start-up', () => {
    expect(dependencyOrder(machines).map((m) => m.name)).toEqual(['users', 'teams']);
    const a = { ...users, name: 'a', dependsOn: ['b'] };
    const b = { ...users, name: 'b', dependsOn: ['a'] };
    expect(() => createWorld(new EventStore(new MemoryStore()), { machines: [a, b] })).toThrow(/cycle: a -> b -> a/);
    expect(() => dependencyOrder([{ ...users, dependsOn: ['ghost'] }])).toThrow(/unknown machine ghost/);
  });

  it('reads one consistent state; maxStaleness bounds how often it refreshes; old states stay unchanged', async () => {
    const store = new EventStore(new MemoryStore());
    await store.append('user-1', [join_('u1', 'red')]);
    const world = await createWorld(store, { machines }).start();
    const before = world.view();
    const oldUsers = before.get('users');
    await store.append('user-2', [join_('u2', 'red')]);
    // Refreshed just now at start(): a generous staleness budget reads the state in memory.
    expect(await world.read({ maxStaleness: 60_000 }, (v) => Object.keys(v.get('users')))).toEqual(['u1']);
    expect(await world.read({ maxStaleness: 0 }, (v) => v.get('teams').sizes)).toEqual({ red: 2 });
    expect(oldUsers).toEqual({ u1: { name: 'U1', team: 'red' } });
    expect(before.get('teams').sizes).toEqual({ red: 1 });
  });

  it('applies its own appends at once, and not a second time when catch-up reaches them', async () => {
    const store = new EventStore(new MemoryStore());
    const world = await createWorld(store, { machines }).start();
    await store.append('user-9', [join_('u9', 'blue')]); // someone else's write, not yet read
    await world.append('user-1', [join_('u1', 'red')]);
    expect(world.view().get('teams').sizes).toEqual({ red: 1 });
    await world.append('user-1', [{ type: 'UserMoved', data: { id: 'u1', team: 'blue' } }]);
    expect(world.view().get('users').u1?.team).toBe('blue');
    await world.refresh();
    expect(world.eventsApplied).toBe(3);
    expect(world.view().get('teams').sizes).toEqual({ blue: 2 });
  });

  it('memoised queries are recomputed only when a state they read has changed', async () => {
    const store = new EventStore(new MemoryStore());
    const world = await createWorld(store, { machines }).start();
    await world.append('user-1', [join_('u1', 'red')]);
    const teamOf = world.memo((v, id: string) => v.get('users')[id]?.team);
    const read = () => world.read({ maxStaleness: 0 }, (v) => teamOf(v, 'u1'));
    expect(await read()).toBe('red');
    expect(await read()).toBe('red');
    expect([teamOf.hits, teamOf.misses]).toEqual([1, 1]);
    await world.append('team-1', [{ type: 'TeamRenamed', data: { label: 'squads' } }]); // teams changed, users did not
    expect(await read()).toBe('red');
    expect([teamOf.hits, teamOf.misses]).toEqual([2, 1]);
    await world.append('user-1', [{ type: 'UserMoved', data: { id: 'u1', team: 'green' } }]);
    expect(await read()).toBe('green');
    expect([teamOf.hits, teamOf.misses]).toEqual([2, 2]);
  });

  it('snapshots to a file and restores from it, reading only the events after the snapshot', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'logbook-world-'));
    dirs.push(dir);
    const store = new EventStore(new MemoryStore());
    for (let i = 0; i < 10; i++) await store.append(`user-${i}`, [join_(`u${i}`, i % 2 ? 'odd' : 'even')]);
    const world = await createWorld(store, { machines, snapshots: fileBlobStore(dir) }).start();
    await world.append('team-1', [{ type: 'TeamRenamed', data: { label: 'crews' } }]);
    await world.snapshot();
    expect(await readdir(dir)).toEqual(['world.snapshot.json']);
    await store.append('user-1', [{ type: 'UserMoved', data: { id: 'u1', team: 'even' } }]);
    const restored = await createWorld(store, { machines, snapshots: fileBlobStore(dir) }).start();
    expect(restored.eventsApplied).toBe(1);
    expect(restored.view().get('teams')).toEqual({ sizes: { even: 6, odd: 4 }, label: 'crews' });
    // A machine whose version changed ignores the snapshot and replays everything.
    const bumped = [{ ...teams, version: 2 }, users] as const;
    const rebuilt = await createWorld(store, { machines: bumped, snapshots: fileBlobStore(dir) }).start();
    expect(rebuilt.eventsApplied).toBe(12);
    expect(rebuilt.view().get('teams')).toEqual(restored.view().get('teams'));
  });

  it('snapshots in the background on a schedule until stopped', async () => {
    const store = new EventStore(new MemoryStore());
    const blobs = memoryBlobStore();
    const world = await createWorld(store, { machines, snapshots: blobs }).start();
    await world.append('user-1', [join_('u1', 'red')]);
    const stop = world.snapshotEvery(5);
    for (let i = 0; i < 400 && blobs.keys().length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    stop();
    const restored = await createWorld(store, { machines, snapshots: blobs }).start();
    expect([restored.eventsApplied, restored.view().get('teams').sizes]).toEqual([0, { red: 1 }]);
  });

  it('refuses a dependency read that was not declared', async () => {
    const store = new EventStore(new MemoryStore());
    const sneaky = defineStateMachine({
      name: 'sneaky',
      handles: ['UserJoined'],
      initialState: 0,
      apply: (s, _e, deps) => s + Object.keys(deps.get('users') as object).length,
    });
    const world = createWorld(store, { machines: [users, sneaky], snapshots: memoryBlobStore() });
    await store.append('user-1', [join_('u1', 'red')]);
    await expect(world.start()).rejects.toThrow(/without declaring it in dependsOn/);
  });
});
