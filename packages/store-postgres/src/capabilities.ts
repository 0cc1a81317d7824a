// The optional port capabilities over their tables: snapshots, uniques, checkpoints, leases, documents.
import {
  type CheckpointsPort,
  type DocumentReader,
  type DocumentWriter,
  type Fence,
  type JsonValue,
  type Lease,
  type LeasesPort,
  LogbookError,
  type Position,
  type SnapshotsPort,
  type UniquesPort,
} from '@logbook/core';
import type { PgQueryConfig, PgQueryable, PgRow } from './pg-types.js';
import type { Operation, Statements } from './sql.js';

/** Runs one statement on the pool (or a transaction's client); errors are already mapped by the runner. */
export type Run = (config: PgQueryConfig) => Promise<PgRow[]>;

export const runOn =
  (db: PgQueryable): Run =>
  async (config) =>
    (await db.query(config)).rows;

export function snapshotsPort(st: Statements, run: Run): SnapshotsPort {
  return {
    read: async (streamId, name) => {
      const row = (await run(st.q('snapshot_read', [streamId, name])))[0];
      if (!row) return undefined;
      return {
        streamId,
        name,
        revision: BigInt(row.revision),
        schemaVersion: row.schema_version,
        state: JSON.parse(row.state) as JsonValue,
        takenAt: row.taken_at,
      };
    },
    write: async (s) => {
      await run(
        st.q('snapshot_write', [s.streamId, s.name, s.revision.toString(), s.schemaVersion, JSON.stringify(s.state), s.takenAt]),
      );
    },
    delete: async (streamId, name) => {
      await run(st.q('snapshot_delete', [streamId, name]));
    },
  };
}

export function uniquesPort(st: Statements, run: Run): UniquesPort {
  return {
    owner: async (scope, value) => (await run(st.q('unique_owner', [scope, value])))[0]?.owner,
    reset: async () => {
      await run(st.q('uniques_reset'));
    },
    apply: async (claims, releases) => {
      // Two statements; a rebuild that dies between them is simply run again (reset + replay).
      await run(
        st.q('uniques_release', [releases.map((r) => r.scope), releases.map((r) => r.value), releases.map((r) => r.owner)]),
      );
      await run(st.q('uniques_claim', [claims.map((c) => c.scope), claims.map((c) => c.value), claims.map((c) => c.owner)]));
    },
  };
}

const leaseLost = (fence: Fence) =>
  new LogbookError('lease_lost', `lease on ${fence.group}/${fence.partition} with token ${fence.token} is no longer held`, {
    group: fence.group,
    partition: fence.partition,
  });

export async function saveCheckpoint(st: Statements, run: Run, name: string, position: Position, fence?: Fence): Promise<void> {
  if (!fence) {
    await run(st.q('checkpoint_write', [name, position]));
    return;
  }
  const rows = await run(st.q('checkpoint_write_fenced', [name, position, fence.group, fence.partition, fence.token.toString()]));
  if (rows.length === 0) throw leaseLost(fence);
}

export function checkpointsPort(st: Statements, run: Run): CheckpointsPort {
  return {
    read: async (name) => (await run(st.q('checkpoint_read', [name])))[0]?.position as Position | undefined,
    write: (name, position, fence) => saveCheckpoint(st, run, name, position, fence),
    delete: async (name) => {
      await run(st.q('checkpoint_delete', [name]));
    },
    list: async () =>
      (await run(st.q('checkpoint_list'))).map((r) => ({
        name: r.name as string,
        position: r.position as Position,
        updatedAt: r.updated_at as string,
      })),
  };
}

const leaseFromRow = (r: PgRow): Lease => ({
  group: r.group_name,
  partition: r.partition,
  owner: r.owner,
  token: BigInt(r.token),
  expiresAt: r.expires_at,
});

export function leasesPort(st: Statements, run: Run): LeasesPort {
  const one = async (op: Operation, values: unknown[]) => {
    const row = (await run(st.q(op, values)))[0];
    return row ? leaseFromRow(row) : undefined;
  };
  return {
    tryAcquire: (group, partition, owner, ttlMs) => one('lease_acquire', [group, partition, owner, Math.ceil(ttlMs)]),
    renew: (lease, ttlMs) =>
      one('lease_renew', [lease.group, lease.partition, lease.owner, lease.token.toString(), Math.ceil(ttlMs)]),
    release: async (lease) => {
      await run(st.q('lease_release', [lease.group, lease.partition, lease.token.toString()]));
    },
    list: async (group) => (await run(st.q('lease_list', [group]))).map(leaseFromRow),
    heartbeat: async (group, member, ttlMs) => {
      await run(st.q('member_heartbeat', [group, member, Math.ceil(ttlMs)]));
    },
    members: async (group) => (await run(st.q('member_list', [group]))).map((r) => r.member as string),
    leave: async (group, member) => {
      await run(st.q('member_leave', [group, member]));
    },
  };
}

export function documentReader(st: Statements, run: Run): DocumentReader {
  return {
    get: async (collection, id) => {
      const row = (await run(st.q('document_get', [collection, id])))[0];
      return row ? (JSON.parse(row.doc) as JsonValue) : undefined;
    },
    list: async (collection, options = {}) =>
      (await run(st.q('document_list', [collection, options.prefix ?? null, options.after ?? null, options.limit ?? 1000]))).map(
        (r) => ({ id: r.id as string, doc: JSON.parse(r.doc) as JsonValue }),
      ),
  };
}

export function documentWriter(st: Statements, run: Run): DocumentWriter {
  return {
    ...documentReader(st, run),
    put: async (collection, id, doc) => {
      await run(st.q('document_put', [collection, id, JSON.stringify(doc)]));
    },
    delete: async (collection, id) => {
      await run(st.q('document_delete', [collection, id]));
    },
    deleteCollection: async (collection) => {
      await run(st.q('document_delete_collection', [collection]));
    },
  };
}
