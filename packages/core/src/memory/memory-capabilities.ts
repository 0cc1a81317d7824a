// The memory store's optional capabilities: snapshots, uniques, checkpoints and leases over its side tables.
import type { CheckpointsPort, Lease, LeasesPort, SnapshotsPort, UniquesPort } from '../port.js';
import { Overlay, type Tables, applyUniques, checkFence, freezeJson, key2 } from './memory-tables.js';

export function memorySnapshots(t: Tables): SnapshotsPort {
  return {
    read: async (streamId, name) => t.snapshots.get(key2(streamId, name)),
    write: async (s) => {
      t.snapshots.set(key2(s.streamId, s.name), Object.freeze({ ...s, state: freezeJson(s.state) }));
    },
    delete: async (streamId, name) => {
      t.snapshots.delete(key2(streamId, name));
    },
  };
}

export function memoryUniques(t: Tables): UniquesPort {
  return {
    owner: async (scope, value) => t.uniques.get(key2(scope, value)),
    reset: async () => t.uniques.clear(),
    apply: async (claims, releases) => {
      const o = new Overlay(t.uniques);
      for (const r of releases) o.delete(key2(r.scope, r.value));
      applyUniques(o, claims, []);
      // Rebuilds replay history in order, so a later claim simply wins.
      for (const c of claims) o.set(key2(c.scope, c.value), c.owner);
      o.commit();
    },
  };
}

export function memoryCheckpoints(t: Tables): CheckpointsPort {
  return {
    read: async (name) => t.checkpoints.get(name)?.position,
    write: async (name, position, fence) => {
      checkFence(t.leases, fence);
      t.checkpoints.set(name, { position, updatedAt: new Date().toISOString() });
    },
    delete: async (name) => {
      t.checkpoints.delete(name);
    },
    list: async () => [...t.checkpoints].map(([name, c]) => ({ name, ...c })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
}

export function memoryLeases(t: Tables): LeasesPort {
  const expiry = (ttlMs: number) => new Date(Date.now() + ttlMs).toISOString();
  const live = (l: Lease | undefined): l is Lease => l !== undefined && Date.parse(l.expiresAt) >= Date.now();
  return {
    tryAcquire: async (group, partition, owner, ttlMs) => {
      const key = key2(group, partition);
      const held = t.leases.get(key);
      if (live(held) && held.owner !== owner) return undefined;
      const token = held && live(held) && held.owner === owner ? held.token : (held?.token ?? 0n) + 1n;
      const lease: Lease = { group, partition, owner, token, expiresAt: expiry(ttlMs) };
      t.leases.set(key, lease);
      return lease;
    },
    renew: async (lease, ttlMs) => {
      const key = key2(lease.group, lease.partition);
      const held = t.leases.get(key);
      if (!live(held) || held.token !== lease.token || held.owner !== lease.owner) return undefined;
      const renewed = { ...held, expiresAt: expiry(ttlMs) };
      t.leases.set(key, renewed);
      return renewed;
    },
    release: async (lease) => {
      const key = key2(lease.group, lease.partition);
      const held = t.leases.get(key);
      // Keep the row (and its token) so the next owner's token is higher; just expire it.
      if (held && held.token === lease.token) t.leases.set(key, { ...held, expiresAt: new Date(0).toISOString() });
    },
    list: async (group) =>
      [...t.leases.values()].filter((l) => l.group === group && live(l)).sort((a, b) => a.partition - b.partition),
    heartbeat: async (group, member, ttlMs) => {
      t.members.set(key2(group, member), Date.now() + ttlMs);
    },
    members: async (group) => {
      const head = key2(group, '');
      const now = Date.now();
      return [...t.members]
        .filter(([k, exp]) => k.startsWith(head) && exp >= now)
        .map(([k]) => k.slice(head.length))
        .sort();
    },
    leave: async (group, member) => {
      t.members.delete(key2(group, member));
    },
  };
}
