// The SQLite store's optional capabilities: snapshots, uniques, checkpoints, leases and documents over side tables.
import type { CheckpointsPort, DocumentReader, Lease, LeasesPort, SnapshotsPort, UniquesPort } from '@logbook/core';
import type { Connection } from './connection.js';
import { checkFence } from './fences.js';
import type { LeaseRow } from './sql/read-lease.js';

export function sqliteSnapshots(c: Connection): SnapshotsPort {
  return {
    read: (streamId, name) => c.read((s) => s.readSnapshot(streamId, name)),
    write: (snapshot) => c.read((s) => s.writeSnapshot(snapshot)),
    delete: (streamId, name) => c.read((s) => s.deleteSnapshot(streamId, name)),
  };
}

export function sqliteUniques(c: Connection): UniquesPort {
  return {
    owner: (scope, value) => c.read((s) => s.uniqueOwner(scope, value)),
    reset: () => c.read((s) => s.resetUniques()),
    // Rebuilds replay history in order, so releases drop whatever is held and a later claim simply wins.
    apply: (claims, releases) =>
      c.write((s) => {
        for (const r of releases) s.deleteUnique(r.scope, r.value);
        for (const u of claims) s.setUnique(u.scope, u.value, u.owner);
      }),
  };
}

export function sqliteCheckpoints(c: Connection): CheckpointsPort {
  return {
    read: (name) => c.read((s) => s.readCheckpoint(name)),
    write: (name, position, fence) =>
      c.write((s) => {
        const at = c.now();
        checkFence(s, fence, at.getTime());
        s.writeCheckpoint(name, position, at.toISOString());
      }),
    delete: (name) => c.read((s) => s.deleteCheckpoint(name)),
    list: () => c.read((s) => s.listCheckpoints()),
  };
}

const toLease = (row: LeaseRow): Lease => ({
  group: row.group,
  partition: row.partition,
  owner: row.owner,
  token: row.token,
  expiresAt: new Date(row.expiresAt).toISOString(),
});

export function sqliteLeases(c: Connection): LeasesPort {
  const nowMs = () => c.now().getTime();
  return {
    tryAcquire: (group, partition, owner, ttlMs) =>
      c.write((s) => {
        const now = nowMs();
        const held = s.readLease(group, partition);
        const live = held !== undefined && held.expiresAt >= now;
        if (live && held.owner !== owner) return undefined;
        // Tokens only grow: a takeover (or a return after expiry) gets the next one, so stale holders are fenced out.
        const token = live ? held.token : (held?.token ?? 0n) + 1n;
        const row: LeaseRow = { group, partition, owner, token, expiresAt: now + ttlMs };
        s.writeLease(row);
        return toLease(row);
      }),
    renew: (lease, ttlMs) =>
      c.write((s) => {
        const now = nowMs();
        const held = s.readLease(lease.group, lease.partition);
        if (!held || held.expiresAt < now || held.token !== lease.token || held.owner !== lease.owner) return undefined;
        const row: LeaseRow = { ...held, expiresAt: now + ttlMs };
        s.writeLease(row);
        return toLease(row);
      }),
    release: (lease) =>
      c.write((s) => {
        const held = s.readLease(lease.group, lease.partition);
        // Keep the row (and its token) so the next owner's token is higher; just expire it.
        if (held && held.token === lease.token) s.writeLease({ ...held, expiresAt: 0 });
      }),
    list: (group) => c.read((s) => s.listLeases(group, nowMs()).map(toLease)),
    heartbeat: (group, member, ttlMs) => c.read((s) => s.heartbeatMember(group, member, nowMs() + ttlMs)),
    members: (group) => c.read((s) => s.listMembers(group, nowMs())),
    leave: (group, member) => c.read((s) => s.deleteMember(group, member)),
  };
}

export function sqliteDocuments(c: Connection): DocumentReader {
  return {
    get: (collection, id) => c.read((s) => s.getDocument(collection, id)),
    list: (collection, options) => c.read((s) => s.listDocuments(collection, options)),
  };
}
